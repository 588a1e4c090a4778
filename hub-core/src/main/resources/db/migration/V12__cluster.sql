-- The nodes of a cluster (one row per running hub, refreshed every few seconds) and named leases (e.g. who polls a
-- connection). A node that stops refreshing drops out of the count after a few intervals; a lease whose holder
-- stops renewing it expires and another node takes it.
CREATE TABLE hub_nodes (
    node_id    VARCHAR(64) PRIMARY KEY,
    started_at BIGINT      NOT NULL,
    seen_at    BIGINT      NOT NULL
);
CREATE INDEX hub_nodes_seen ON hub_nodes (seen_at);

CREATE TABLE hub_leases (
    name       VARCHAR(300) PRIMARY KEY,
    node_id    VARCHAR(64)  NOT NULL,
    expires_at BIGINT       NOT NULL
);
