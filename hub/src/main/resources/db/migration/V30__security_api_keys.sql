-- API keys of agency systems (ADR 0010). Only the SHA-256 of the secret is stored: the
-- secret is shown once, when the key is issued. Portable SQL (H2 PostgreSQL mode, PostgreSQL).
create table api_key (
    id            varchar(36)  primary key,
    name          varchar(100) not null,
    agency        varchar(64)  not null,
    unit          varchar(64)  not null,
    roles         varchar(500) not null,        -- JSON array of role names
    secret_sha256 varchar(64)  not null unique,
    created_at    timestamp with time zone not null,
    created_by    varchar(200) not null,
    revoked_at    timestamp with time zone
);
