-- The other connections whose actions a connection's config names (an agent's specialists and tools), as its
-- connector's save-time check described them: comma-separated ids, or null. Saving a connection whose calls would
-- lead back to it (a → b → a) is refused.
ALTER TABLE connections ADD COLUMN calls VARCHAR(4000);
