package org.gdxhub.ledger.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A single background thread that repeats a step: at once when the step says more work is
 * waiting, after {@code interval} when it is idle, and with exponential backoff up to
 * {@code maxBackoff} while it fails. Stopping never interrupts the thread (an interrupt can
 * close an H2 file database under it); it asks a blocking step to return early
 * ({@link Step#wakeUp}) and waits for the current step to finish.
 */
public class BackgroundLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

  /** One unit of work, with optional hooks for a step that blocks or holds a resource. */
  public interface Step {

    /** Does one unit of work; returns true when more work is waiting right away. */
    boolean run();

    /** Called by {@link #stop()} from another thread: make a blocking {@link #run()} return soon. */
    default void wakeUp() {
    }

    /** Called on the loop's own thread once it has stopped, to release what the steps held. */
    default void close() {
    }
  }

  private final String name;
  private final Step step;
  private final Duration interval;
  private final Duration maxBackoff;
  private final Object signal = new Object();
  private volatile boolean running;
  private Thread thread;

  /** @param interval the pause when idle, and the first pause after a failure */
  public BackgroundLoop(String name, Step step, Duration interval, Duration maxBackoff) {
    this.name = name;
    this.step = step;
    this.interval = interval;
    this.maxBackoff = maxBackoff.compareTo(interval) < 0 ? interval : maxBackoff;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  @Override
  public void stop() {
    Thread current;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      current = thread;
    }
    step.wakeUp();
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      current.join(Duration.ofMinutes(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    try {
      repeat();
    } finally {
      step.close();
    }
  }

  private void repeat() {
    int failures = 0;
    while (running) {
      Duration pause;
      try {
        pause = step.run() ? Duration.ZERO : interval;
        failures = 0;
      } catch (RuntimeException e) {
        failures++;
        pause = backoff(failures);
        if (failures == 1 || failures % 10 == 0) {
          log.warn("{} failed ({} in a row), retrying in {}: {}", name, failures, pause, e.toString());
        }
      }
      if (!pause.isZero()) {
        synchronized (signal) {
          if (running) {
            try {
              signal.wait(Math.max(1, pause.toMillis()));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
      }
    }
  }

  private Duration backoff(int failures) {
    Duration pause = interval.multipliedBy(1L << Math.min(failures, 20));
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }
}
