package org.gdxhub.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gdxhub.cluster.ClusterProperties;
import org.gdxhub.cluster.SingletonJobs;
import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two "instances" (two lock clients with their own ids on one database, H2 and a real
 * PostgreSQL): while one runs a job the other skips it; afterwards the other may run it; a lock
 * whose holder died frees itself after lockAtMostFor.
 */
class SingletonJobsIT {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aJobRunsOnOneInstanceAtATime(String kind) throws Exception {
    try (TestDatabase db = "h2".equals(kind) ? TestDatabase.h2() : TestDatabase.postgres()) {
      SingletonJobs a = new ClusterConfiguration().singletonJobs(db.ds(), new ClusterProperties("hub-a"));
      SingletonJobs b = new ClusterConfiguration().singletonJobs(db.ds(), new ClusterProperties("hub-b"));
      var started = new CountDownLatch(1);
      var release = new CountDownLatch(1);
      var runs = new AtomicInteger();

      CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> a.runExclusively("job", Duration.ofMinutes(1), () -> {
        runs.incrementAndGet();
        started.countDown();
        await(release);
      }));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(b.runExclusively("job", Duration.ofMinutes(1), runs::incrementAndGet)).isFalse();
      assertThat(b.runExclusively("other-job", Duration.ofMinutes(1), runs::incrementAndGet)).isTrue();
      String holder = new org.springframework.jdbc.core.JdbcTemplate(db.ds())
          .queryForObject("select locked_by from shedlock where name = 'job'", String.class);
      assertThat(holder).isEqualTo("hub-a");
      release.countDown();
      assertThat(onA.get(10, TimeUnit.SECONDS)).isTrue();

      assertThat(b.runExclusively("job", Duration.ofMinutes(1), runs::incrementAndGet)).isTrue();
      assertThat(runs).hasValue(3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void theLockOfAnInstanceThatDiedFreesItselfAfterLockAtMostFor(String kind) throws Exception {
    try (TestDatabase db = "h2".equals(kind) ? TestDatabase.h2() : TestDatabase.postgres()) {
      SingletonJobs b = new ClusterConfiguration().singletonJobs(db.ds(), new ClusterProperties("hub-b"));
      // hub-a took the lock for at most 2 s and was killed before it could release it.
      var hubA = new net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider(
          net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider.Configuration.builder()
              .withJdbcTemplate(new org.springframework.jdbc.core.JdbcTemplate(db.ds())).withTableName("shedlock")
              .withLockedByValue("hub-a").usingDbTime().build());
      assertThat(hubA.lock(new net.javacrumbs.shedlock.core.LockConfiguration(java.time.Instant.now(), "job",
          Duration.ofSeconds(2), Duration.ZERO))).isPresent();
      assertThat(b.runExclusively("job", Duration.ofMinutes(1), () -> {})).isFalse();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      boolean ran = false;
      while (!ran && System.nanoTime() < deadline) {
        Thread.sleep(250);
        ran = b.runExclusively("job", Duration.ofMinutes(1), () -> {});
      }
      assertThat(ran).isTrue();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
