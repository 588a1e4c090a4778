-- Conversations: one per channel connection + contact address (the conversation key), with its history in order.
-- The id is derived from the key (cnv_ + 26 base32 chars of its SHA-256), so ingress knows it without a lookup.
CREATE TABLE conversations (
    id               VARCHAR(40)  PRIMARY KEY,
    tenant_id        VARCHAR(40)  NOT NULL,
    conversation_key VARCHAR(400) NOT NULL,
    connection_id    VARCHAR(40)  NOT NULL,
    address          VARCHAR(360) NOT NULL,
    contact_name     VARCHAR(300),
    state            VARCHAR(20)  NOT NULL,
    message_count    INT          NOT NULL,
    last_message_at  BIGINT       NOT NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL
);
CREATE INDEX conversations_connection ON conversations (connection_id, id);

-- Both directions of a conversation. id = msg_ + the ULID of the inbound event or of the outbound delivery, so id
-- order is the order the hub saw them in. status_rank orders statuses so a late 'delivered' never overwrites 'read'.
CREATE TABLE conversation_messages (
    id              VARCHAR(40)  PRIMARY KEY,
    conversation_id VARCHAR(40)  NOT NULL,
    connection_id   VARCHAR(40)  NOT NULL,
    direction       VARCHAR(10)  NOT NULL,
    event_id        VARCHAR(40)  NOT NULL,
    delivery_id     VARCHAR(40),
    external_ref    VARCHAR(300),
    status          VARCHAR(20)  NOT NULL,
    status_rank     INT          NOT NULL,
    error           VARCHAR(2000),
    sender_name     VARCHAR(300),
    content         TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE INDEX conversation_messages_history ON conversation_messages (conversation_id, id);
-- status webhooks find the message they report on by the provider's id
CREATE INDEX conversation_messages_ref ON conversation_messages (connection_id, external_ref);
