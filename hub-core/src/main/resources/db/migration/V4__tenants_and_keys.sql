-- Tenants own every connection, route, event, delivery, conversation and key. The spine's objects live in 'default'.
CREATE TABLE tenants (
    id         VARCHAR(40)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
INSERT INTO tenants (id, name, created_at, updated_at) VALUES ('default', 'Default', 0, 0);

-- API keys: only the token's SHA-256 is kept. tenant_id NULL = admin scope (every tenant). role: read or write.
CREATE TABLE api_keys (
    id           VARCHAR(40)  PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    tenant_id    VARCHAR(40),
    role         VARCHAR(10)  NOT NULL,
    token_sha256 VARCHAR(64)  NOT NULL,
    expires_at   BIGINT,
    revoked_at   BIGINT,
    created_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX api_keys_token ON api_keys (token_sha256);
