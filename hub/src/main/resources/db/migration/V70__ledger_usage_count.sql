-- Per-agreement, per-calendar-day entry counts by outcome, for quota rules (issue #9, ADR 0015):
-- reading one row replaces counting today's ledger rows on every lookup. Written in the append
-- transaction, under the chain head lock, so every instance sharing the database sees exact
-- counts. A day's rows are seeded from the ledger the first time that agreement appends on
-- that day, so entries written before this table existed still count; readers that find no
-- row for the day count the ledger as before.
create table ledger_usage_count (
    agreement_id varchar(36)  not null,
    day_start    timestamp with time zone not null, -- midnight of the day in the policy calendar zone
    outcome      varchar(32)  not null,
    entries      bigint       not null,
    primary key (agreement_id, day_start, outcome)
);
