-- Signed checkpoints of the hash chain, the certificates that verify them, and the
-- transactional outbox that carries new entries to Kafka / the search indexes.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL. No foreign keys to
-- ledger_entry: the verifier, not the database, is what detects a removed entry.

-- One row per signed checkpoint: the signature covers (seq, entry_hash, signed_at).
create table ledger_checkpoint (
    seq        bigint       primary key,     -- the last entry the checkpoint vouches for
    entry_hash varchar(64)  not null,        -- that entry's hash
    signed_at  timestamp with time zone not null,
    key_id     varchar(64)  not null,        -- SHA-256 fingerprint of the signing certificate
    algorithm  varchar(32)  not null,        -- e.g. SHA256withECDSA
    signature  varchar(512) not null         -- base64
);

-- Every certificate that ever signed a checkpoint, so exports can carry them.
create table ledger_signing_key (
    key_id          varchar(64)   primary key,
    certificate_pem varchar(8000) not null,
    first_used_at   timestamp with time zone not null
);

-- Written in the same transaction as the ledger entry; the relay publishes unsent rows
-- (sent_at null) in entry order and then sets sent_at.
create table ledger_outbox (
    entry_seq  bigint      primary key,
    entry_id   varchar(36) not null,
    created_at timestamp with time zone not null,
    sent_at    timestamp with time zone,
    attempts   integer     not null default 0
);

create index ledger_outbox_unsent on ledger_outbox (sent_at, entry_seq);

-- Entries written before this migration go through the relay too.
insert into ledger_outbox (entry_seq, entry_id, created_at)
select seq, id, recorded_at from ledger_entry;
