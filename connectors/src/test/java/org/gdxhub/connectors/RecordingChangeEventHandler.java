package org.gdxhub.connectors;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connectors module's tests stand in for the hub's delivery: records every event handed
 * over, and fails the next {@code n} calls when told to (a hub that cannot decide right now).
 */
public class RecordingChangeEventHandler implements ChangeEventHandler {

  private final List<SubjectChanged> handled = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public void handle(SubjectChanged event) {
    calls.incrementAndGet();
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("the hub cannot decide right now (test)");
    }
    handled.add(event);
  }

  public List<SubjectChanged> handled() {
    return List.copyOf(handled);
  }

  public List<SubjectChanged> handled(String eventId) {
    return handled.stream().filter(e -> e.eventId().equals(eventId)).toList();
  }

  public int calls() {
    return calls.get();
  }

  public void failNext(int n) {
    failuresLeft.set(n);
  }
}
