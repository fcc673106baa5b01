package org.gdxhub.cluster;

import java.time.Duration;

/**
 * Runs a scheduled job's step on one hub instance at a time. Every instance schedules the job;
 * each run first takes the job's lock in the system of record, and an instance that finds it
 * taken skips that run. A lock whose holder died is free again after {@code lockAtMostFor}.
 */
public interface SingletonJobs {

  /**
   * Runs {@code step} unless another instance is running the same job.
   *
   * @param job the job's stable name (at most 64 characters), e.g. {@code ledger-checkpointer}
   * @param lockAtMostFor how long the lock outlives an instance that died while holding it;
   *     longer than the step can ever take
   * @return whether this instance ran the step
   */
  boolean runExclusively(String job, Duration lockAtMostFor, Runnable step);

  /** This instance's name in the lock table and the logs ({@code hub.cluster.instance-id}). */
  String instanceId();
}
