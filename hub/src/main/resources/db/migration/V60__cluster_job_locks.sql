-- Run-once locks of the scheduled jobs when several hub instances share this database
-- (ShedLock's table, ADR 0014). Times are the database's own clock, in UTC.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
