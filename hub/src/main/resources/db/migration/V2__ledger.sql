-- Ledger: an append-only hash chain of exchanges, and the policy decision behind each one.

-- The chain's head, locked (select ... for update) by every append so that entries get
-- consecutive sequence numbers and each one links to its predecessor's hash.
create table ledger_head (
    id        integer     primary key check (id = 1),
    last_seq  bigint      not null,
    last_hash varchar(64) not null
);

insert into ledger_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

create table ledger_entry (
    seq                  bigint        primary key,
    id                   varchar(36)   not null unique,
    recorded_at          timestamp with time zone not null,
    request_id           varchar(36)   not null,
    agency               varchar(64),
    unit                 varchar(64),
    officer              varchar(128),
    dataset_id           varchar(64),
    agreement_id         varchar(36),
    agreement_version    integer,
    purpose              varchar(200),
    legal_basis          varchar(1000),
    case_ref             varchar(200),
    card_present         boolean       not null,
    subject_type         varchar(32),
    subject_pseudonym    varchar(64),
    decision             varchar(8)    not null check (decision in ('allow', 'deny')),
    reasons              varchar(8000) not null, -- JSON array of {code, message}
    fields_released      varchar(4000) not null, -- JSON array of field names
    connector_latency_ms bigint,
    outcome              varchar(32)   not null,
    prev_hash            varchar(64)   not null,
    hash                 varchar(64)   not null
);

create index ledger_entry_agency_time on ledger_entry (agency, recorded_at);
create index ledger_entry_dataset_time on ledger_entry (dataset_id, recorded_at);
create index ledger_entry_time on ledger_entry (recorded_at);

-- The exact policy input and result of each decision, for audit and policy-change replay.
create table policy_decision (
    request_id      varchar(36)    primary key,
    ledger_entry_id varchar(36)    not null,
    engine          varchar(32)    not null,
    input_json      varchar(32000) not null,
    result_json     varchar(16000) not null,
    decided_at      timestamp with time zone not null
);
