package org.gdxhub.events.internal;

import java.util.List;
import java.util.Map;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.events.CreateSubscription;
import org.gdxhub.events.EventFeed;
import org.gdxhub.events.SubjectsChange;
import org.gdxhub.events.Subscription;
import org.gdxhub.events.SubscriptionService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A unit's subscriptions to change events, and its feed of delivered events. */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

  private final SubscriptionService subscriptions;

  SubscriptionController(SubscriptionService subscriptions) {
    this.subscriptions = subscriptions;
  }

  @PostMapping
  ResponseEntity<Subscription> subscribe(CallerIdentity caller, @RequestBody CreateSubscription command) {
    return ResponseEntity.status(HttpStatus.CREATED).body(subscriptions.subscribe(caller, command));
  }

  @GetMapping
  List<Subscription> list(CallerIdentity caller) {
    return subscriptions.subscriptions(caller);
  }

  @GetMapping("/{id}")
  Subscription get(CallerIdentity caller, @PathVariable String id) {
    return subscriptions.subscription(caller, id);
  }

  @PostMapping("/{id}/cancel")
  Subscription cancel(CallerIdentity caller, @PathVariable String id) {
    return subscriptions.cancel(caller, id);
  }

  @PostMapping("/{id}/subjects")
  Map<String, Long> addSubjects(CallerIdentity caller, @PathVariable String id, @RequestBody SubjectsChange change) {
    return subscriptions.addSubjects(caller, id, change);
  }

  @PostMapping("/{id}/subjects/remove")
  Map<String, Long> removeSubjects(CallerIdentity caller, @PathVariable String id, @RequestBody SubjectsChange change) {
    return subscriptions.removeSubjects(caller, id, change);
  }

  @GetMapping("/{id}/events")
  EventFeed events(CallerIdentity caller, @PathVariable String id, @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "100") int limit) {
    return subscriptions.feed(caller, id, after, limit);
  }
}
