package dev.corral.server.inputs.socket;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what one listener refused, in total and by {@link Refusal} reason, and logs it without
 * letting a flood flood the log: a reason's 1st, 10th, 100th, 1,000th … refusal is logged (at the
 * reason's level, with the count so far and that sender), the others only counted. A million
 * refused datagrams cost seven log lines. Thread-safe.
 */
final class RefusalCounter {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalCounter.class);

  private final String input;
  private final String name;
  private final Map<Refusal, AtomicLong> counts = new EnumMap<>(Refusal.class);

  /**
   * @param input the listener's name, in log lines
   * @param name the stats key of the total, e.g. {@code refused_connections}; each reason is
   *     {@code name.reason}
   * @param reasons the reasons this listener can refuse for, reported even while zero
   */
  RefusalCounter(String input, String name, List<Refusal> reasons) {
    this.input = input;
    this.name = name;
    reasons.forEach(reason -> counts.put(reason, new AtomicLong()));
  }

  /** Counts one refusal of {@code sender} and logs it when its count is a power of ten. */
  void refuse(Refusal reason, Object sender, String detail) {
    AtomicLong count = counts.get(reason);
    if (count == null) {
      throw new IllegalStateException("BUG: " + input + " refuses for " + reason + " it did not declare");
    }
    long refused = count.incrementAndGet();
    if (isPowerOfTen(refused)) {
      var line = LOG.atLevel(reason.level()).addKeyValue("input", input).addKeyValue("reason", reason.key())
          .addKeyValue("remote", sender).addKeyValue(name + "." + reason.key(), refused);
      if (detail != null) {
        line = line.addKeyValue("error", detail);
      }
      line.log(reason.message() + " (logged at the 1st, 10th, 100th ... refusal; every one is counted in the stats)");
    }
  }

  private static boolean isPowerOfTen(long n) {
    while (n >= 10 && n % 10 == 0) {
      n /= 10;
    }
    return n == 1;
  }

  /** The count for one reason. */
  long count(Refusal reason) {
    AtomicLong count = counts.get(reason);
    return count == null ? 0 : count.get();
  }

  /** {@code name} → the total, then {@code name.reason} → each reason's count. */
  Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put(name, counts.values().stream().mapToLong(AtomicLong::get).sum());
    counts.forEach((reason, count) -> counters.put(name + "." + reason.key(), count.get()));
    return counters;
  }
}
