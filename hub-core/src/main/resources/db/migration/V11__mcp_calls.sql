-- The hub as an MCP server (/mcp): one row per tool call, keyed by the call's idempotency key (per API key), written
-- before the action runs and completed with its outcome, so a retried call answers the first one's outcome instead of
-- acting twice.
CREATE TABLE mcp_calls (
    id            VARCHAR(64)  PRIMARY KEY,
    tenant_id     VARCHAR(40)  NOT NULL,
    key_id        VARCHAR(40)  NOT NULL,
    connection_id VARCHAR(40)  NOT NULL,
    action        VARCHAR(100) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    result        TEXT,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL
);
CREATE INDEX mcp_calls_created ON mcp_calls (created_at);
