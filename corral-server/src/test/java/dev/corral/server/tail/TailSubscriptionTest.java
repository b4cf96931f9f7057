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
  private long walEnd;
  /**
   * Two events per 250 ms tick, on a clock that moves only when the test says; the test runs the
   * filter rounds itself ({@link #next}).
   */
  private final TailHub hub = new TailHub(new TailLimits(8, 2, 2, 100), () -> 42.0, clock::get, false);

  @Test
  void sendsMatchingEventsWithinTheRateAndCountsTheRestAsSkipped() throws Exception {
    try (TailSubscription tail = live(hub, CLIENT, filter("level:ERROR"))) {
      publish(batch(0, 10)); // events 0, 3, 6, 9 are errors
      publish(batch(10, 10)); // 12, 15, 18
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
      try (TailSubscription tail = live(hub, CLIENT, filter(""))) {
        publish(batch(0, 100));
        seen.addAll(numbers(next(tail)));
      }
    }
    assertThat(seen).hasSize(400);
    assertThat(seen.stream().filter(n -> n >= 50).count()).as("picks from the second half").isGreaterThan(100);
  }

  @Test
  void aSubscriberFarBehindDropsWholeBatchesAndSaysSo() throws Exception {
    try (TailSubscription tail = live(hub, CLIENT, filter(""))) {
      publish(batch(0, TailSubscription.MAX_QUEUED_EVENTS)); // fits: the queue was empty
      publish(batch(0, 7)); // does not
      assertThat(hub.droppedEvents()).isEqualTo(7);
      TailMessage message = next(tail);
      assertThat(message.dropped()).isEqualTo(7);
      assertThat(message.skipped()).isEqualTo(TailSubscription.MAX_QUEUED_EVENTS - message.events().size() + 7);
      publish(batch(0, 3)); // room again
      assertThat(next(tail).dropped()).isZero();
    }
  }

  @Test
  void tokensRefillWithTimeNotWithTicks() throws Exception {
    try (TailSubscription tail = live(hub, CLIENT, filter(""))) {
      publish(batch(0, 10));
      assertThat(next(tail).events()).hasSize(2);
      publish(batch(10, 10));
      TailMessage immediately = next(tail);
      assertThat(immediately.events()).as("no time has passed, no token earned").isEmpty();
      assertThat(immediately.skipped()).isEqualTo(10);
      clock.addAndGet(125_000_000); // half a tick: one token at 8 events/s
      publish(batch(20, 10));
      assertThat(next(tail).events()).hasSize(1);
      clock.addAndGet(10_000_000_000L); // a long pause earns one tick's worth, not more
      publish(batch(30, 10));
      assertThat(next(tail).events()).hasSize(2);
    }
  }

  @Test
  void subscribersAreCappedAndClosingFreesTheSlot() throws Exception {
    TailSubscription first = live(hub, CLIENT, filter(""));
    TailSubscription second = live(hub, CLIENT, filter(""));
    assertThatThrownBy(() -> live(hub, CLIENT, filter(""))).isInstanceOf(TailBusyException.class)
        .hasMessageContaining("tail.max_subscribers").hasMessageContaining("2");
    first.close();
    first.close();
    assertThat(hub.subscribers()).isEqualTo(1);
    live(hub, CLIENT, filter("")).close();
    second.close();
    assertThat(hub.subscribers()).isZero();
  }

  @Test
  void closingTheHubEndsEveryTailAtOnce() throws Exception {
    TailSubscription tail = live(hub, CLIENT, filter(""));
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
    assertThatThrownBy(() -> live(hub, CLIENT, filter(""))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aClientHoldsAtMostItsShareOfTheSlotsAndOthersStillGetOne() throws Exception {
    TailHub shared = new TailHub(new TailLimits(8, 4, 2, 100), () -> 0.0, clock::get, false);
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
    try (TailSubscription heavy = live(hub, CLIENT, costly);
        TailSubscription light = live(hub, "192.0.2.2", filter(""))) {
      long budget = TailHub.budgetPerTail(2);
      for (int tick = 0; tick < 3; tick++) {
        publish(batch(tick * 1000L, 1000));
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
    TailSubscription failing = live(hub, CLIENT, broken);
    try (TailSubscription fine = live(hub, "192.0.2.2", filter(""))) {
      publish(batch(0, 10));
      hub.filterQueued();
      assertThat(failing.isOpen()).isFalse();
      assertThat(hub.subscribers()).isEqualTo(1);
      TailMessage message = fine.next(clock.get());
      assertThat(message.events().size() + message.skipped()).isEqualTo(10);
    }
  }

  @Test
  void aTailFiltersNothingUntilItGoesLiveThenPassesOverWhatCameBeforeItsStart() throws Exception {
    try (TailSubscription tail = hub.subscribe(CLIENT, filter(""))) {
      hub.publish(100, 200, batch(0, 1)); // before the start: replayed by the caller, or before the tail opened
      hub.publish(200, 300, batch(1, 1));
      assertThat(hub.filterQueued()).as("held: nothing filtered yet").isFalse();
      tail.goLive(200);
      hub.publish(300, 400, batch(2, 1));
      TailMessage message = next(tail);
      assertThat(numbers(message)).containsExactly(1L, 2L);
      assertThat(message.skipped()).isZero();
      assertThat(message.position()).as("the position after the last record accounted for").isEqualTo(400);
    }
  }

  @Test
  void theMessagePositionCoversRecordsThatDidNotMatchOrWereSampledOut() throws Exception {
    try (TailSubscription tail = live(hub, CLIENT, filter("level:ERROR"))) {
      TailMessage before = next(tail);
      assertThat(before.position()).as("where it went live").isZero();
      hub.publish(0, 50, batch(1, 2)); // no error among events 1 and 2
      assertThat(next(tail).position()).isEqualTo(50);
      hub.publish(50, 90, batch(0, 10)); // four errors, two sent, two sampled out
      TailMessage sampled = next(tail);
      assertThat(sampled.events()).hasSize(2);
      assertThat(sampled.skipped()).isEqualTo(2);
      assertThat(sampled.position()).isEqualTo(90);
    }
  }

  /** Opens a tail that goes live at once, from position 0. */
  private static TailSubscription live(TailHub hub, String client, java.util.function.Predicate<LogEvent> filter)
      throws TailBusyException {
    TailSubscription tail = hub.subscribe(client, filter);
    tail.goLive(0);
    return tail;
  }

  /** Publishes a batch as the next record of a log whose records are each 100 positions long. */
  private void publish(EventBatch batch) {
    long position = walEnd;
    walEnd += 100;
    hub.publish(position, walEnd, batch);
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
