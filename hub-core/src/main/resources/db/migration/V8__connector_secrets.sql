-- Secrets a connector learns while it runs (a rotated OAuth refresh token): encrypted like connections.secrets,
-- with the connection id and key as associated data, and re-encrypted by rotate-master-key.
CREATE TABLE connector_secrets (
    connection_id VARCHAR(40)  NOT NULL,
    secret_key    VARCHAR(200) NOT NULL,
    ciphertext    TEXT         NOT NULL,
    updated_at    BIGINT       NOT NULL,
    PRIMARY KEY (connection_id, secret_key)
);
