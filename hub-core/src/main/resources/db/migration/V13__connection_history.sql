-- Whether the hub keeps the conversation history (conversations and their messages) of a connection's chat
-- messages. A pure relay (webhook in, webhook out) can turn it off: each message then costs four row writes fewer.
ALTER TABLE connections ADD COLUMN history BOOLEAN DEFAULT TRUE NOT NULL;
