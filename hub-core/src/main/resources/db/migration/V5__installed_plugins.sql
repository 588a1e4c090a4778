-- Plugins installed through the API: the file itself (so every node of a shared PostgreSQL loads it) and whether
-- it is enabled. A row without content only remembers that a plugin from the plugins dir is disabled.
CREATE TABLE installed_plugins (
    id         VARCHAR(100) PRIMARY KEY,
    version    VARCHAR(60)  NOT NULL,
    file_name  VARCHAR(300) NOT NULL,
    content    BYTEA,
    sha256     VARCHAR(64)  NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    updated_at BIGINT       NOT NULL
);
