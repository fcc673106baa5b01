-- One change counter for the catalog (ADR 0017): every committed change to agencies, datasets
-- or agreements adds one, in the same transaction as the change. A lookup reads this one row
-- and keeps using the datasets and agreements it holds in memory while the number is the same,
-- so a change committed by any hub instance is seen by the next lookup on every instance.
create table catalog_revision (
    id       integer primary key,
    revision bigint  not null
);

insert into catalog_revision (id, revision) values (1, 0);
