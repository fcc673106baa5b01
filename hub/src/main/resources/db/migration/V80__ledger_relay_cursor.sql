-- The ledger is its own outbox (ADR 0019): entries get consecutive sequence numbers under the
-- chain head lock and commit in that order, so "every entry after seq N" is exactly what the
-- relay has not published yet. One cursor row replaces an outbox row per entry (an insert, an
-- index entry, a row lock, an update and a delete for every lookup).
create table ledger_relay_cursor (
    id              integer     primary key check (id = 1),
    last_seq        bigint      not null, -- the newest entry the relay has published
    failed_attempts integer     not null, -- publishes failed since the last one that succeeded
    updated_at      timestamp with time zone
);

-- Carry over the outbox's position: everything from its oldest unsent row on goes out (again, if
-- a relay on another instance had already sent some of it: delivery is at least once).
insert into ledger_relay_cursor (id, last_seq, failed_attempts)
select 1,
       coalesce((select min(entry_seq) - 1 from ledger_outbox where sent_at is null),
                (select last_seq from ledger_head where id = 1)),
       0;

drop table ledger_outbox;
