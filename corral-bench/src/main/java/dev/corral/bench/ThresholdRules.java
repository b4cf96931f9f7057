package dev.corral.bench;

import java.time.Duration;
import java.util.List;

/**
 * The threshold rules {@code corral bench --alert-rules N} writes: rule {@code i} is one of
 * {@value #TEMPLATE_COUNT} query shapes over the simulated fleet's fields (errors and warnings by service, a
 * service's error rate with {@code eval}, p95 and average durations, 5xx counts, timeouts, a service's traffic,
 * errors by host, outbound-call latency), for one of the fleet's services, with one of {@link #WINDOWS} and a
 * condition that varies with {@code i}. Deterministic: the same {@code i} always gives the same rule, so runs
 * compare.
 */
final class ThresholdRules {
  /** Name prefix of every generated rule; the bench tells them from the seed rules by it. */
  static final String NAME_PREFIX = "bench_threshold_";
  /** Windows of real threshold rules, from a minute to ten. */
  static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
      Duration.ofMinutes(10));
  /**
   * Services of the simulated fleet ({@code dev.corral.demo.ShopCatalog}) the per-service rules name: busy ones
   * and quiet ones, so windows hold many events or few.
   */
  static final List<String> SERVICES = List.of("api-gateway", "web-frontend", "user-auth", "product-catalog",
      "search-service", "order-service", "payment-gateway", "inventory", "shipping", "sms-gateway");
  private static final int TEMPLATE_COUNT = 10;

  private ThresholdRules() {}

  /** The rule name of rule {@code index}: {@code bench_threshold_007}. */
  static String name(int index) {
    return String.format(java.util.Locale.ROOT, "%s%03d", NAME_PREFIX, index);
  }

  /** The YAML text of rule {@code index} ({@code >= 0}), evaluated every {@code every}. */
  static String yaml(int index, Duration every) {
    if (index < 0) {
      throw new IllegalArgumentException("rule index is " + index + "; it must be 0 or more");
    }
    int step = index / TEMPLATE_COUNT;
    // shifted by the step, so that over the rules each template meets every service and every window
    String service = SERVICES.get((index + step) % SERVICES.size());
    String[] queryAndCondition = switch (index % TEMPLATE_COUNT) {
      case 0 -> new String[] {"level:ERROR | stats count() as errors by service", "errors > " + (5 + step % 20)};
      case 1 -> new String[] {"service:" + service
          + " | stats count() as total, count(level:ERROR) as errors | eval error_rate = errors / total * 100",
          "error_rate > " + (1 + step % 10)};
      case 2 -> new String[] {"service:" + service + " | stats p95(performance.duration_ms) as p95_ms",
          "p95_ms > " + (100 + 50 * (step % 10))};
      case 3 -> new String[] {"http.status_code:[500 TO 599] | stats count() as server_errors by service",
          "server_errors > " + step % 10};
      case 4 -> new String[] {"level:WARN | stats count() as warnings by service", "warnings > " + 10 * (1 + step % 10)};
      case 5 -> new String[] {"service:" + service + " | stats count() as events", "events < " + (10 + step % 50)};
      case 6 -> new String[] {"(timeout OR \\\"timed out\\\") | stats count() as timeouts by service",
          "timeouts > " + (1 + step % 5)};
      case 7 -> new String[] {"* | stats avg(performance.duration_ms) as avg_ms by service",
          "avg_ms > " + (200 + 25 * (step % 10))};
      case 8 -> new String[] {"service:" + service + " level:ERROR | stats count() as errors by host",
          "errors > " + (1 + step % 5)};
      default -> new String[] {"external.time_taken_ms:* | stats p95(external.time_taken_ms) as p95_ms by service",
          "p95_ms > " + (250 + 50 * (step % 10))};
    };
    Duration window = WINDOWS.get((index + step) % WINDOWS.size());
    return "# written by corral bench --alert-rules: threshold rule " + index + "\n"
        + "name: " + name(index) + "\n"
        + "kind: threshold\n"
        + "query: \"" + queryAndCondition[0] + "\"\n"
        + "every: " + DurationText.format(every) + "\n"
        + "window: " + DurationText.format(window) + "\n"
        + "condition: \"" + queryAndCondition[1] + "\"\n"
        + "labels: {severity: warning, source: bench}\n";
  }
}
