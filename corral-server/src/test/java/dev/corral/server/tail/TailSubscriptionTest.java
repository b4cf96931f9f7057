package dev.corral.server.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.EventBatch;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.QueryParser;
import dev.corral.query.eval.EventFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TailSubscriptionTest {
  private static final String CLIENT = "192.0.2.1";
  private final AtomicLong clock = new AtomicLong();
  /**
   * Two events per 250 ms tick, on a clock that moves only when the test says; the test runs the
   * filter rounds itself ({@link #next}).
   */
  private final TailHub hub = new TailHub(new TailLimits(8, 2, 2), () -> 42.0, clock::get, false);

  @Test
  void sendsMatchingEventsWithinTheRateAndCountsTheRestAsSkipped() throws Exception {
    try (TailSubscription tail = hub.subscribe(CLIENT, filter("level:ERROR"))) {
      hub.publish(batch(0, 10)); // events 0, 3, 6, 9 are errors
      hub.publish(batch(10, 10)); // 12, 15, 18
      TailMessage message = next(tail);
      assertThat(message.events()).hasSize(2);
      assertThat(message.skipped()).isEqualTo(5);
      assertThat(message.dropped()).isZero();
      assertThat(message.receivedPerSecond()).isEqualTo(42.0);
      List<Long> numbers = numbers(message);
      assertThat(numbers).isSorted().allSatisfy(n -> assertThat(n % 3).isZero());
    }
  }

  @Test
  void theSampleIsSpreadOverTheTickNotTheFirstEvents() throws Exception {
    List<Long> seen = new ArrayList<>();
    for (int round = 0; round < 200; round++) {
      try (TailSubscription tail = hub.subscribe(CLIENT, filter(""))) {
        hub.publish(batch(0, 100));
        seen.addAll(numbers(next(tail)));
      }
    }
    assertThat(seen).hasSize(400);
    assertThat(seen.stream().filter(n -> n >= 50).count()).as("picks from the second half").isGreaterThan(100);
  }

  @Test
  void aSubscriberFarBehindDropsWholeBatchesAndSaysSo() throws Exception {
    try (TailSubscription tail = hub.subscribe(CLIENT, filter(""))) {
      hub.publish(batch(0, TailSubscription.MAX_QUEUED_EVENTS)); // fits: the queue was empty
      hub.publish(batch(0, 7)); // does not
      assertThat(hub.droppedEvents()).isEqualTo(7);
      TailMessage message = next(tail);
      assertThat(message.dropped()).isEqualTo(7);
      assertThat(message.skipped()).isEqualTo(TailSubscription.MAX_QUEUED_EVENTS - message.events().size() + 7);
      hub.publish(batch(0, 3)); // room again
      assertThat(next(tail).dropped()).isZero();
    }
  }

  @Test
  void tokensRefillWithTimeNotWithTicks() throws Exception {
    try (TailSubscription tail = hub.subscribe(CLIENT, filter(""))) {
      hub.publish(batch(0, 10));
      assertThat(next(tail).events()).hasSize(2);
      hub.publish(batch(10, 10));
      TailMessage immediately = next(tail);
      assertThat(immediately.events()).as("no time has passed, no token earned").isEmpty();
      assertThat(immediately.skipped()).isEqualTo(10);
      clock.addAndGet(125_000_000); // half a tick: one token at 8 events/s
      hub.publish(batch(20, 10));
      assertThat(next(tail).events()).hasSize(1);
      clock.addAndGet(10_000_000_000L); // a long pause earns one tick's worth, not more
      hub.publish(batch(30, 10));
      assertThat(next(tail).events()).hasSize(2);
    }
  }

  @Test
  void subscribersAreCappedAndClosingFreesTheSlot() throws Exception {
    TailSubscription first = hub.subscribe(CLIENT, filter(""));
    TailSubscription second = hub.subscribe(CLIENT, filter(""));
    assertThatThrownBy(() -> hub.subscribe(CLIENT, filter(""))).isInstanceOf(TailBusyException.class)
        .hasMessageContaining("tail.max_subscribers").hasMessageContaining("2");
    first.close();
    first.close();
    assertThat(hub.subscribers()).isEqualTo(1);
    hub.subscribe(CLIENT, filter("")).close();
    second.close();
    assertThat(hub.subscribers()).isZero();
  }

  @Test
  void closingTheHubEndsEveryTailAtOnce() throws Exception {
    TailSubscription tail = hub.subscribe(CLIENT, filter(""));
    Thread waiting = Thread.ofVirtual().start(() -> {
      try {
        tail.next(clock.get() + 3_600_000_000_000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    hub.close();
    waiting.join();
    assertThat(tail.isOpen()).isFalse();
    assertThatThrownBy(() -> hub.subscribe(CLIENT, filter(""))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aClientHoldsAtMostItsShareOfTheSlotsAndOthersStillGetOne() throws Exception {
    TailHub shared = new TailHub(new TailLimits(8, 4, 2), () -> 0.0, clock::get, false);
    shared.subscribe(CLIENT, filter(""));
    shared.subscribe(CLIENT, filter(""));
    assertThatThrownBy(() -> shared.subscribe(CLIENT, filter(""))).isInstanceOf(TailBusyException.class)
        .hasMessageContaining("tail.max_per_client").hasMessageContaining(CLIENT).hasMessageContaining("2");
    shared.subscribe("192.0.2.2", filter(""));
    shared.subscribe("192.0.2.3", filter(""));
    assertThatThrownBy(() -> shared.subscribe("192.0.2.4", filter(""))).isInstanceOf(TailBusyException.class)
        .hasMessageContaining("tail.max_subscribers");
    shared.close();
  }

  @Test
  void aCostlyFilterStopsAtItsBudgetAndTheOtherTailsStillExamineEverything() throws Exception {
    long costPerEvent = 1_000_000; // 1 ms of the test clock per event
    java.util.function.Predicate<LogEvent> costly = event -> clock.addAndGet(costPerEvent) > 0;
    try (TailSubscription heavy = hub.subscribe(CLIENT, costly);
        TailSubscription light = hub.subscribe("192.0.2.2", filter(""))) {
      long budget = TailHub.budgetPerTail(2);
      for (int tick = 0; tick < 3; tick++) {
        hub.publish(batch(tick * 1000L, 1000));
        hub.filterQueued();
        TailMessage cut = heavy.next(clock.get());
        long examined = 1000 - cut.overBudget();
        assertThat(examined).as("events the costly filter examined in tick " + tick)
            .isPositive().isLessThanOrEqualTo(budget / costPerEvent + TailSubscription.EVENTS_PER_CLOCK_READ);
        assertThat(cut.skipped()).as("every event not sent is counted").isEqualTo(1000 - cut.events().size());
        TailMessage whole = light.next(clock.get());
        assertThat(whole.overBudget()).as("the cheap tail is not cut by the costly one").isZero();
        assertThat(whole.events().size() + whole.skipped()).isEqualTo(1000);
      }
    }
  }

  @Test
  void aFilterThatFailsEndsItsOwnTailOnly() throws Exception {
    java.util.function.Predicate<LogEvent> broken = event -> {
      throw new IllegalStateException("broken filter");
    };
    TailSubscription failing = hub.subscribe(CLIENT, broken);
    try (TailSubscription fine = hub.subscribe("192.0.2.2", filter(""))) {
      hub.publish(batch(0, 10));
      hub.filterQueued();
      assertThat(failing.isOpen()).isFalse();
      assertThat(hub.subscribers()).isEqualTo(1);
      TailMessage message = fine.next(clock.get());
      assertThat(message.events().size() + message.skipped()).isEqualTo(10);
    }
  }

  /** Runs the filter thread's round, then takes the tick's message. */
  private TailMessage next(TailSubscription tail) throws InterruptedException {
    hub.filterQueued();
    return tail.next(clock.get());
  }

  private static java.util.function.Predicate<LogEvent> filter(String query) {
    return EventFilter.compile(QueryParser.parse(query), Instant.now());
  }

  /** Events numbered from {@code first}; every third is an ERROR. */
  private static EventBatch batch(long first, int count) {
    List<LogEvent> events = new ArrayList<>();
    for (long n = first; n < first + count; n++) {
      events.add(new LogEvent(1_700_000_000_000_000_000L + n, n % 3 == 0 ? Level.ERROR : Level.INFO, "event " + n,
          Fields.of(Map.of("n", n))));
    }
    return EventBatch.encode(events);
  }

  private static List<Long> numbers(TailMessage message) {
    return message.events().stream().map(e -> (Long) e.batch().events().get(e.line()).fields().get("n")).toList();
  }
}
