-- Contacts: one person of a tenant, known by many identities. An identity is "<kind>:<value>": a channel address
-- ("whatsapp-cloud:5511987650001", "telegram:5011223344": the connector type and the conversation's address), a CRM
-- id learned from contact.upsert ("hubspot:512"), a phone ("phone:+5511987650001") or an e-mail
-- ("email:ana@example.com"). An identity belongs to one contact of its tenant (the primary key); a conversation
-- belongs to the contact that holds its channel identity, so merging and splitting contacts moves conversations too.
CREATE TABLE contacts (
    id         VARCHAR(40)  PRIMARY KEY,
    tenant_id  VARCHAR(40)  NOT NULL,
    name       VARCHAR(300),
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
CREATE INDEX contacts_tenant ON contacts (tenant_id, id);

CREATE TABLE contact_identities (
    tenant_id  VARCHAR(40)  NOT NULL,
    identity   VARCHAR(500) NOT NULL,
    contact_id VARCHAR(40)  NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, identity)
);
CREATE INDEX contact_identities_contact ON contact_identities (contact_id);

-- a contact's conversations are found by (connector type, address): the address alone narrows them to a few
CREATE INDEX conversations_address ON conversations (tenant_id, address);
