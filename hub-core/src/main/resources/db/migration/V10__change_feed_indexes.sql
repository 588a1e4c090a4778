-- What changed in a time window: the live stream (GET /api/v1/stream) reads deliveries and conversations changed
-- after its cursor, and the traffic stats (GET /api/v1/stats) count deliveries by when they finished. Events and
-- history messages need nothing new: their time-ordered primary keys are ranges by time already.
-- Cost: one more index entry to rewrite per delivery state change and per conversation update (a BIGINT).
CREATE INDEX deliveries_updated ON deliveries (updated_at);
CREATE INDEX conversations_updated ON conversations (updated_at);
