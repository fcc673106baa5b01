package org.gdxhub.cluster.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.gdxhub.cluster.SingletonJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * {@link SingletonJobs} on ShedLock's JDBC provider: one row per job in table {@code shedlock}
 * (Flyway V60), locked with the database's clock so that the instances' clocks do not matter.
 * Each run that held the lock is logged at DEBUG with its start and end, which is how the
 * two-instance test shows that no job ran on two instances at once.
 */
class ShedLockSingletonJobs implements SingletonJobs {

  private static final Logger log = LoggerFactory.getLogger(ShedLockSingletonJobs.class);

  private final LockProvider locks;
  private final String instanceId;

  ShedLockSingletonJobs(LockProvider locks, String instanceId) {
    this.locks = locks;
    this.instanceId = instanceId;
  }

  @Override
  public boolean runExclusively(String job, Duration lockAtMostFor, Runnable step) {
    Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), job, lockAtMostFor, Duration.ZERO));
    if (lock.isEmpty()) {
      log.trace("job {} is running on another instance; skipped on {}", job, instanceId);
      return false;
    }
    Instant started = Instant.now();
    try {
      step.run();
      return true;
    } finally {
      // Logged before the unlock, so two instances' logged runs of one job can never overlap.
      log.debug("job {} ran on {} from {} to {}", job, instanceId, started, Instant.now());
      lock.get().unlock();
    }
  }

  @Override
  public String instanceId() {
    return instanceId;
  }
}
