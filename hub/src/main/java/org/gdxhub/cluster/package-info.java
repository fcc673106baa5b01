/**
 * Running several hub instances against the same backends (ADR 0014). The hub keeps no state of
 * its own beyond its backends; what must not happen twice — the scheduled jobs (checkpoints,
 * following the ledger into a shared index, the monthly report, retention, purges) — runs under
 * a run-once lock in the system of record ({@link org.gdxhub.cluster.SingletonJobs}, ShedLock).
 * Work that is safe by construction (the outbox claimed with {@code for update skip locked},
 * Kafka consumer groups, the ledger head row lock) needs no lock.
 */
package org.gdxhub.cluster;
