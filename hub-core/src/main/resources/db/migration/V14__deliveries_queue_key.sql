-- deliveries_order serves the per-conversation queues: "the pending / queued / in-flight deliveries of this key, in
-- order". Keyed (status, ordering_key, id), it also held an entry for every finished delivery, and an outcome moved
-- the delivery's entry to (delivered, its key, id): a random leaf of an index that grows by one entry per message,
-- rewritten with the path above it by every commit (18 % of the bytes H2 wrote per commit at 500 req/s, more than any
-- other map of the hub's). queue_key is the ordering key while the delivery is unfinished and NULL once it is
-- finished, so a finished delivery's entry is (status, NULL, id): appended where its status's newest entries are.
-- Every queue query reads by queue_key; the database keeps it (a generated column, STORED on PostgreSQL, which needs
-- the word, while H2 refuses it: the placeholder is set per database by Migrations).
ALTER TABLE deliveries ADD COLUMN queue_key VARCHAR(500)
    GENERATED ALWAYS AS (CASE WHEN status IN ('pending', 'queued', 'inflight') THEN ordering_key END)${generated_stored};
DROP INDEX deliveries_order;
CREATE INDEX deliveries_order ON deliveries (status, queue_key, id);
