-- Document archive (ADR 0009): metadata of certified extracts and monthly reports, the
-- certificates that signed them, and the unit heads' monthly sign-offs. The documents'
-- bytes live in the archive directory; after the retention period they are deleted and
-- only the hashes and metadata below remain. Subjects appear only as their keyed pseudonym.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL.

create table archive_document (
    id                     varchar(36)   primary key,
    kind                   varchar(16)   not null check (kind in ('extract', 'report')),
    reference              varchar(64)   not null unique,   -- printed on the document
    title                  varchar(400)  not null,
    created_at             timestamp with time zone not null,
    agency                 varchar(64),                     -- who asked for it
    unit                   varchar(64),
    officer                varchar(128),
    dataset_id             varchar(64),                     -- extracts: the dataset certified
    ledger_entry_id        varchar(36),                     -- extracts: the extract_issued entry
    source_ledger_entry_id varchar(36),                     -- extracts: the lookup it certifies
    subject_type           varchar(32),
    subject_pseudonym      varchar(64),                     -- keyed HMAC, never the clear ID
    period                 varchar(7),                      -- reports: the month, yyyy-mm
    content_hash           varchar(64)   not null,          -- SHA-256 of the embedded data (JSON / CSV)
    file_hash              varchar(64)   not null,          -- SHA-256 of the signed PDF as issued
    file_size              bigint        not null,
    has_csv                boolean       not null,
    key_id                 varchar(64)   not null,          -- certificate that signed the PDF
    retain_until           timestamp with time zone not null,
    content_deleted_at     timestamp with time zone,
    revoked_at             timestamp with time zone,
    revoked_by             varchar(128),
    revocation_reason      varchar(1000)
);

create index archive_document_subject on archive_document (subject_pseudonym);
create index archive_document_file_hash on archive_document (file_hash);
create index archive_document_retention on archive_document (retain_until);
create index archive_document_period on archive_document (kind, period);

-- Every certificate that ever signed an archived document, so old documents still verify
-- after the key rotates.
create table archive_signing_key (
    key_id          varchar(64)   primary key,
    certificate_pem varchar(8000) not null,
    first_used_at   timestamp with time zone not null
);

-- A unit head's monthly attestation: no abnormality, or a flag with a note.
create table unit_sign_off (
    agency     varchar(64)   not null,
    unit       varchar(64)   not null,
    period     varchar(7)    not null,   -- the month, yyyy-mm
    status     varchar(16)   not null check (status in ('no_abnormality', 'flagged')),
    note       varchar(2000),
    lookups    bigint        not null,   -- the unit's lookups in the month when it signed
    signed_by  varchar(128)  not null,
    signed_at  timestamp with time zone not null,
    primary key (agency, unit, period)
);
