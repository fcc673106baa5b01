-- Catalog: agencies and their units, datasets and their fields, access requests, agreements.
-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

create table agency (
    code        varchar(64)  primary key,
    name_th     varchar(300) not null,
    name_en     varchar(300) not null,
    ministry    varchar(300)
);

create table agency_unit (
    agency_code varchar(64)  not null references agency (code),
    code        varchar(64)  not null,
    name_th     varchar(300) not null,
    name_en     varchar(300) not null,
    primary key (agency_code, code)
);

create table dataset (
    id             varchar(64)   primary key,
    title_th       varchar(300)  not null,
    title_en       varchar(300)  not null,
    owner_agency   varchar(64)   not null references agency (code),
    description    varchar(4000),
    classification varchar(16)   not null check (classification in ('public', 'personal', 'security', 'secret')),
    legal_basis    varchar(1000) not null,
    status         varchar(16)   not null check (status in ('draft', 'published', 'retired')),
    connector      varchar(128),
    version        integer       not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);

create table dataset_field (
    dataset_id varchar(64)  not null references dataset (id),
    position   integer      not null,
    name       varchar(64)  not null,
    label_th   varchar(300) not null,
    label_en   varchar(300) not null,
    personal   boolean      not null,
    biometric  boolean      not null,
    primary key (dataset_id, name)
);

create table access_request (
    id              varchar(36)   primary key,
    dataset_id      varchar(64)   not null references dataset (id),
    consumer_agency varchar(64)   not null references agency (code),
    consumer_unit   varchar(64),
    purpose         varchar(200)  not null,
    legal_basis     varchar(1000) not null,
    fields          varchar(4000) not null, -- JSON array of field names
    status          varchar(16)   not null check (status in ('pending', 'approved', 'rejected')),
    requested_by    varchar(128)  not null,
    requested_at    timestamp with time zone not null,
    decided_by      varchar(128),
    decided_at      timestamp with time zone,
    decision_reason varchar(2000),
    agreement_id    varchar(36)
);

create index access_request_dataset on access_request (dataset_id, status);

-- The current version of each agreement; every version is kept in agreement_revision.
create table agreement (
    id              varchar(36)   primary key,
    version         integer       not null,
    dataset_id      varchar(64)   not null references dataset (id),
    owner_agency    varchar(64)   not null references agency (code),
    consumer_agency varchar(64)   not null references agency (code),
    units           varchar(4000) not null, -- JSON array; empty means every unit
    purposes        varchar(4000) not null, -- JSON array
    legal_bases     varchar(4000) not null, -- JSON array
    fields          varchar(4000) not null, -- JSON array
    valid_from      date          not null,
    valid_until     date          not null,
    status          varchar(16)   not null check (status in ('approved', 'suspended', 'revoked')),
    online_access   boolean       not null,
    approved_by     varchar(128)  not null,
    approved_at     timestamp with time zone not null,
    request_id      varchar(36)
);

create index agreement_consumer on agreement (consumer_agency, dataset_id);

create table agreement_revision (
    agreement_id varchar(36)   not null references agreement (id),
    version      integer       not null,
    snapshot     varchar(16000) not null, -- JSON of the agreement as it was at this version
    changed_by   varchar(128)  not null,
    changed_at   timestamp with time zone not null,
    primary key (agreement_id, version)
);
