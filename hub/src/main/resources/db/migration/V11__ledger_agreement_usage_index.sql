-- Quota rules count today's served lookups per agreement on every lookup.
create index ledger_entry_agreement_time on ledger_entry (agreement_id, recorded_at);
