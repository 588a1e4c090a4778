-- Two indexes held an entry for every row although only some rows are ever looked up through them, and each such
-- entry landed in a random leaf, which H2 rewrites with the path above it at every commit (and PostgreSQL dirties):
-- they were the largest share of the bytes H2 wrote per commit (MVStoreTool -dump at 500 req/s, BENCHMARKS.md).
-- Each now indexes a generated column that is NULL for the rows no query looks for, so those rows' entries are
-- appended at the end of the NULL entries (time-ordered row keys) instead. The database keeps both columns
-- (STORED on PostgreSQL, which needs the word; H2 refuses it: the placeholder is set per database by Migrations).

-- deliveries_order serves the per-conversation queues ("the pending / queued / in-flight deliveries of this key, in
-- order"); an outcome moved the delivery's entry to (delivered, its key, id). queue_key is the ordering key while
-- the delivery is unfinished, NULL once it is finished; every queue read seeks by it.
ALTER TABLE deliveries ADD COLUMN queue_key VARCHAR(500)
    GENERATED ALWAYS AS (CASE WHEN status IN ('pending', 'queued', 'inflight') THEN ordering_key END)${generated_stored};
DROP INDEX deliveries_order;
CREATE INDEX deliveries_order ON deliveries (status, queue_key, id);

-- conversation_messages_ref finds a message the hub sent by the provider's id (status reports, replies, echoes);
-- nothing looks up a received message by its provider id (events_dedupe does that for events). sent_ref is the
-- provider's id of an outbound message, NULL for the others.
ALTER TABLE conversation_messages ADD COLUMN sent_ref VARCHAR(300)
    GENERATED ALWAYS AS (CASE WHEN direction = 'outbound' THEN external_ref END)${generated_stored};
DROP INDEX conversation_messages_ref;
CREATE INDEX conversation_messages_ref ON conversation_messages (connection_id, sent_ref);
