-- Who last saved a connection: 'operator' (an admin-scope key) or 'tenant' (a tenant-scoped key). A tenant's
-- connections may only call public addresses (the strict outbound policy, plus PONTE_OUTBOUND_ALLOW).
ALTER TABLE connections ADD COLUMN network VARCHAR(20) DEFAULT 'operator' NOT NULL;
