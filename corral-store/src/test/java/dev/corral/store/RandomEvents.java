package dev.corral.store;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random events for the differential test, from a small vocabulary so that random queries hit
 * them: a few services and hosts, {@code status} a number in some events and a string in others,
 * numeric {@code duration} (long or double) and {@code bytes}, a boolean, a few high-cardinality
 * {@code user} values, missing fields everywhere, a {@code note} over the keyword limit in a few
 * events, messages from a small word list. Every event has a unique {@code id}.
 */
public final class RandomEvents {
  /** The keyword limit of the test stores: small, so that over-long strings are cheap. */
  public static final int MAX_KEYWORD_BYTES = 64;
  /** Events span the three UTC days [FIRST_DAY, FIRST_DAY + 3d). */
  public static final Instant FIRST_DAY = Instant.parse("2026-11-19T00:00:00Z");
  public static final long DAYS = 3;
  /**
   * Most numeric values of one field over all events: percentiles are exact up to 200 values
   * ({@code PercentileAccumulator.K}), so every group's percentile must agree exactly.
   */
  static final int MAX_NUMBERS_PER_FIELD = 200;

  static final List<String> SERVICES = List.of("pay", "auth", "web", "db", "Search", "pay-gw");
  static final List<String> HOSTS = List.of("h1", "h2", "h3", "h10");
  static final List<String> WORDS = List.of("error", "timeout", "connect", "user", "login", "failed", "ok",
      "retry", "db", "payment", "500", "slow", "Cache", "miss");
  static final List<String> STATUS_TEXTS = List.of("500", "200", "OK", "error", "404", "5e2", "-1");

  private RandomEvents() {}

  /**
   * @param count how many events
   * @param ties whether several events may share a timestamp (whole seconds from a small pool);
   *     otherwise every timestamp is distinct
   */
  public static List<LogEvent> generate(Random random, int count, boolean ties) {
    List<LogEvent> events = new ArrayList<>(count);
    Set<Long> used = new HashSet<>();
    Map<String, Integer> numbers = new HashMap<>();
    long first = Timestamps.toNanos(FIRST_DAY);
    long span = DAYS * 86_400_000_000_000L;
    long[] pool = new long[Math.max(1, count / 4)];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = first + random.nextLong(DAYS * 86_400) * 1_000_000_000L;
    }
    for (int i = 0; i < count; i++) {
      long timestamp;
      if (ties) {
        timestamp = pool[random.nextInt(pool.length)];
      } else {
        do {
          timestamp = first + random.nextLong(span);
        } while (!used.add(timestamp));
      }
      events.add(event(random, i, timestamp, numbers));
    }
    return events;
  }

  private static LogEvent event(Random random, int id, long timestamp, Map<String, Integer> numbers) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", "e" + id);
    maybe(random, fields, "service", 8, () -> pick(random, SERVICES));
    maybe(random, fields, "host", 3, () -> pick(random, HOSTS));
    maybe(random, fields, "status", 2, () -> switch (random.nextInt(4)) {
      case 0 -> pick(random, STATUS_TEXTS);
      case 1 -> 200L + 100L * random.nextInt(4);
      case 2 -> (double) (200 + random.nextInt(3));
      default -> 500L;
    });
    maybe(random, fields, "duration", 3, () -> random.nextBoolean()
        ? (Object) (long) random.nextInt(2000) : (Object) (random.nextInt(20000) / 8.0 - 100));
    maybe(random, fields, "bytes", 4, () -> (long) random.nextInt(1 << 20));
    maybe(random, fields, "user", 3, () -> "u" + random.nextInt(40));
    maybe(random, fields, "latency", 2, () -> Math.round(random.nextGaussian() * 1000) / 10.0);
    maybe(random, fields, "ok", 3, random::nextBoolean);
    maybe(random, fields, "trace_id", 2, () -> "t" + random.nextInt(8));
    maybe(random, fields, "span_id", 2, () -> Long.toHexString(random.nextLong()));
    maybe(random, fields, "request_id", 3, () -> random.nextInt(8) == 0
        ? (Object) (long) random.nextInt(50) : (Object) ("r" + Integer.toHexString(random.nextInt(1 << 12))));
    if (random.nextInt(15) == 0) {
      fields.put("note", "n".repeat(MAX_KEYWORD_BYTES - 5 + random.nextInt(10)));
    } else if (random.nextInt(3) == 0) {
      fields.put("note", pick(random, WORDS));
    }
    if (random.nextInt(10) == 0) {
      fields.put("exception.stacktrace", "java.lang.IllegalStateException: " + message(random)
          + "\n\tat dev.corral.Foo.bar(Foo.java:" + random.nextInt(100) + ")");
    }
    fields.entrySet().removeIf(f -> f.getValue() instanceof Number
        && numbers.merge(f.getKey(), 1, Integer::sum) > MAX_NUMBERS_PER_FIELD);
    if (random.nextInt(3) != 0) {
      fields.put("payload", payload(random));
    }
    Level level = Level.values()[random.nextInt(Level.values().length)];
    return new LogEvent(timestamp, level, message(random), Fields.of(fields));
  }

  /**
   * A text for the extraction pipes: a JSON object (nested, an array, a clash with {@code status},
   * sometimes a value over the keyword limit), logfmt, {@code ;}/{@code :} pairs, an access-log
   * line for {@code parse}, or a broken one of them.
   */
  private static String payload(Random random) {
    String code = pick(random, List.of("200", "404", "500", "503", "007", "1.5", "-3", "abc"));
    String path = pick(random, List.of("/pay", "/auth", "/search", "/"));
    String user = "u" + random.nextInt(12);
    return switch (random.nextInt(7)) {
      case 0 -> "{\"code\":" + (random.nextBoolean() ? code.replace("007", "7").replace("abc", "\"abc\"") : "\"" + code
          + "\"") + ",\"path\":\"" + path + "\",\"user\":{\"id\":\"" + user + "\",\"ok\":" + random.nextBoolean()
          + "},\"tags\":[\"a\",1],\"status\":" + random.nextInt(600)
          + (random.nextInt(5) == 0 ? ",\"long\":\"" + "x".repeat(MAX_KEYWORD_BYTES + 3) + "\"" : "") + "}";
      case 1 -> "code=" + code + " path=" + path + " user=" + user + " msg=\"" + pick(random, WORDS) + " "
          + pick(random, WORDS) + "\" level=warn flag";
      case 2 -> "code:" + code + ";path:" + path + ";user:" + user + ";;broken";
      case 3 -> "10.0." + random.nextInt(3) + "." + random.nextInt(9) + " - " + user + " [21/Nov/2026:10:00:0"
          + random.nextInt(9) + "] \"GET " + path + " HTTP/1.1\" " + code + " " + random.nextInt(5000);
      case 4 -> "{\"code\": " + code + ", \"path\"";
      case 5 -> "code=" + code + " msg=\"unterminated";
      default -> "{\"a\":{\"b\":{\"c\":{\"d\":" + "{\"e\":".repeat(20) + "1" + "}".repeat(24) + "}";
    };
  }

  private static String message(Random random) {
    StringBuilder message = new StringBuilder();
    int words = 1 + random.nextInt(6);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        message.append(random.nextInt(5) == 0 ? ", " : " ");
      }
      message.append(pick(random, WORDS));
    }
    return message.toString();
  }

  private static void maybe(Random random, Map<String, Object> fields, String name, int oneMissingIn,
      java.util.function.Supplier<Object> value) {
    if (random.nextInt(oneMissingIn) != 0) {
      fields.put(name, value.get());
    }
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
