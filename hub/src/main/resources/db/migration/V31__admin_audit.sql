-- The ledger's admin stream (ADR 0010/0011, README "Admin audit"): every administrative change
-- (catalog, agreements, API keys, key rotation) with actor and digests of the state before and
-- after, hash-chained like the exchange ledger. Portable SQL (H2 PostgreSQL mode, PostgreSQL).
create table admin_audit_event (
    seq           bigint       primary key,
    id            varchar(36)  not null unique,
    recorded_at   timestamp with time zone not null,
    actor         varchar(200) not null,
    action        varchar(100) not null,
    target        varchar(200) not null,
    before_digest varchar(64),
    after_digest  varchar(64),
    prev_hash     varchar(64)  not null,
    hash          varchar(64)  not null
);
