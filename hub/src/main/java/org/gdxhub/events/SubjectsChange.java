package org.gdxhub.events;

import java.util.List;

/** Subjects to add to or remove from a subscription's scope (clear IDs in a POST body, never a URL). */
public record SubjectsChange(List<String> subjectIds) {

  public SubjectsChange {
    subjectIds = subjectIds == null ? List.of() : List.copyOf(subjectIds);
  }
}
