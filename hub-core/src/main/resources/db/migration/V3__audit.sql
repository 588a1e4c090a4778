-- Who changed what through the admin API: one row per mutation (never a body, so never a secret).
CREATE TABLE audit_log (
    id         VARCHAR(40)  PRIMARY KEY,
    key_id     VARCHAR(40)  NOT NULL,
    tenant_id  VARCHAR(40),
    action     VARCHAR(200) NOT NULL,
    target     VARCHAR(200),
    status     INT          NOT NULL,
    at         BIGINT       NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target, id);
