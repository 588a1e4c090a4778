-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL. Times are epoch milliseconds (BIGINT).

CREATE TABLE hub_settings (
    setting_name  VARCHAR(100)  PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL
);

CREATE TABLE connections (
    id         VARCHAR(40)  PRIMARY KEY,
    tenant_id  VARCHAR(40)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    connector  VARCHAR(100) NOT NULL,
    config     TEXT         NOT NULL,
    secrets    TEXT,
    settings   TEXT         NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
CREATE INDEX connections_tenant ON connections (tenant_id, id);

CREATE TABLE routes (
    id         VARCHAR(40)  PRIMARY KEY,
    tenant_id  VARCHAR(40)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    priority   INT          NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    definition TEXT         NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);

-- The inbox. (connection_id, external_id) is the dedupe key: a provider's retry of the same message is ignored
-- for as long as the event is kept.
CREATE TABLE events (
    id             VARCHAR(40)  PRIMARY KEY,
    tenant_id      VARCHAR(40)  NOT NULL,
    connection_id  VARCHAR(40)  NOT NULL,
    type           VARCHAR(100) NOT NULL,
    external_id    VARCHAR(255),
    conversation   VARCHAR(400),
    correlation_id VARCHAR(40)  NOT NULL,
    causation_id   VARCHAR(40),
    occurred_at    BIGINT       NOT NULL,
    received_at    BIGINT       NOT NULL,
    body           TEXT         NOT NULL,
    deliveries     INT          NOT NULL,
    route_error    VARCHAR(2000)
);
-- Few indexes on purpose: every index is rewritten on each group commit. Ids are time-ordered (ULID), so the
-- primary key also serves "newest first" and retention by age.
CREATE UNIQUE INDEX events_dedupe ON events (connection_id, external_id);
CREATE INDEX events_connection ON events (connection_id, id);

-- The outbox. ordering_key = target connection + conversation: deliveries sharing it go strictly in id order.
-- Only the oldest unfinished delivery of a key is 'pending'; later ones are 'queued' until it finishes.
-- An in-flight delivery keeps its lease expiry in next_attempt_at, so one index finds both due and orphaned work.
CREATE TABLE deliveries (
    id                VARCHAR(40)  PRIMARY KEY,
    tenant_id         VARCHAR(40)  NOT NULL,
    event_id          VARCHAR(40)  NOT NULL,
    route_id          VARCHAR(40),
    target_connection VARCHAR(40)  NOT NULL,
    action            VARCHAR(100) NOT NULL,
    input             TEXT         NOT NULL,
    ordering_key      VARCHAR(500) NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    attempts          INT          NOT NULL,
    next_attempt_at   BIGINT       NOT NULL,
    lease_owner       VARCHAR(40),
    last_error        VARCHAR(2000),
    external_ref      VARCHAR(300),
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    delivered_at      BIGINT
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_order ON deliveries (status, ordering_key, id);
CREATE INDEX deliveries_event ON deliveries (event_id);
CREATE INDEX deliveries_target ON deliveries (target_connection, id);

-- One row per ordering key with unfinished deliveries: how many. Locking it serializes the inbox (which queues new
-- deliveries behind an unfinished one) and the dispatcher (which promotes the next one when a delivery finishes).
CREATE TABLE delivery_queues (
    ordering_key VARCHAR(500) PRIMARY KEY,
    unfinished   INT          NOT NULL
);

CREATE TABLE connector_state (
    connection_id VARCHAR(40)  NOT NULL,
    state_key     VARCHAR(200) NOT NULL,
    state_value   TEXT         NOT NULL,
    updated_at    BIGINT       NOT NULL,
    PRIMARY KEY (connection_id, state_key)
);
