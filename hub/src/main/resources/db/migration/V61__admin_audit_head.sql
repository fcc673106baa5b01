-- The admin stream's append lock across hub instances (ADR 0014): an append locks this one row
-- (select ... for update) before it reads the last event, as the exchange ledger locks
-- ledger_head, so two instances never chain two events onto the same predecessor.
create table admin_audit_head (
    id integer primary key check (id = 1)
);
insert into admin_audit_head (id) values (1);
