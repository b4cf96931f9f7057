package dev.corral.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The {@code ids} dataset of {@code corral bench --dataset ids}: events of the shape real fleets log, with
 * random identifiers in every event, about {@value #EXPECTED_MEAN_BYTES} bytes of NDJSON each. Every event
 * has a 128-bit trace id (32 lowercase hex digits) that about {@value #MEAN_EVENTS_PER_TRACE} events
 * share, interleaved with the events of the other traces in flight; a span id (64 bits, 16 hex) and a
 * request id (48 bits, 12 hex) of its own; and a realistic rest, so that it compresses like real logs, not
 * like noise or constant text: a timestamp, one of {@value #SERVICE_COUNT} services and one of its hosts,
 * the level (mostly INFO, some WARN and ERROR), a message from templates with a few variable
 * parts, the HTTP method, path and status, and {@code performance.duration_ms} with one decimal.
 *
 * <p>The bench's seven queries all find something: {@code "card declined"} and {@code time out} /
 * {@code timeout} messages occur at low rates, {@code level:ERROR} is about 3%, and every event has a
 * service and a duration. Timestamps rise evenly over the {@link DatasetGenerator#WINDOW} before the end
 * instant, so the last events are seconds old when the bench starts.
 *
 * <p>Deterministic: the same seed, end instant and count give the same bytes ({@link SplittableRandom}'s
 * sequence is fixed by its specification). Not thread-safe.
 */
public final class RandomIdEvents {
  /** What the templates below come to on average; a test holds the generator within a band around it. */
  public static final int EXPECTED_MEAN_BYTES = 370;
  /** Events per trace: a request crossing a handful of services, as in the measured fleet. */
  public static final int MEAN_EVENTS_PER_TRACE = 5;
  /**
   * Traces being logged at once; each event goes to one of them at random, so a trace's events are
   * near each other but not adjacent ("consecutive-ish").
   */
  static final int TRACES_IN_FLIGHT = 8;
  static final int SERVICE_COUNT = 15;
  private static final int HOSTS_PER_SERVICE = 3;
  /** One in this many events is a declined card payment (ERROR): rare, so the phrase query is selective. */
  private static final int CARD_DECLINED_ONE_IN = 1_000;
  /** One in this many events is a time-out (half WARN "time out", half ERROR "timeout"). */
  private static final int TIME_OUT_ONE_IN = 700;
  /** Percent of the remaining events that are ERROR, then WARN; the rest are INFO. */
  private static final int ERROR_PERCENT = 3;
  private static final int WARN_PERCENT = 8;
  private static final DateTimeFormatter MILLIS_Z =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String[] SERVICES = {"api-gateway", "auth", "billing", "cart", "catalog", "checkout",
      "inventory", "notifications", "orders", "payments", "pricing", "recommendations", "search", "shipping",
      "user-profile"};
  private static final String[] RESOURCES = {"orders", "carts", "products", "users", "payments", "shipments",
      "invoices", "sessions", "reviews", "coupons"};
  private static final String[] TABLES = {"orders", "order_items", "customers", "payments", "stock_levels",
      "sessions"};
  private static final String[] TOPICS = {"order.created", "payment.captured", "cart.updated", "stock.reserved",
      "user.signed_in", "shipment.dispatched"};
  private static final String[] COUNTRIES = {"DE", "FR", "NL", "US", "GB", "ES", "IT", "PL", "SE", "CA"};
  private static final String[] HANDLERS = {"handleRequest", "processOrder", "reserveStock", "applyCoupon",
      "renderPage", "refreshToken"};
  private static final String[] READ_METHODS = {"GET", "GET", "GET", "GET", "HEAD"};
  private static final String[] WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"};

  private final SplittableRandom random;
  private final long startMillis;
  private final long windowMillis;
  private final long events;
  private final String[][] hosts = new String[SERVICE_COUNT][HOSTS_PER_SERVICE];
  private final String[] traceIds = new String[TRACES_IN_FLIGHT];
  private final int[] traceEventsLeft = new int[TRACES_IN_FLIGHT];
  private final StringBuilder line = new StringBuilder(512);
  private long emitted;

  /**
   * @param seed the seed; the same seed gives the same events
   * @param end the instant the window ends at; the last event is at most one event's share of the window before it
   * @param events how many events {@link #next()} returns
   */
  public RandomIdEvents(long seed, Instant end, long events) {
    if (events < 0) {
      throw new IllegalArgumentException("events (" + events + ") must be >= 0");
    }
    this.random = new SplittableRandom(seed);
    this.windowMillis = DatasetGenerator.WINDOW.toMillis();
    this.startMillis = end.toEpochMilli() - windowMillis;
    this.events = events;
    for (int s = 0; s < SERVICE_COUNT; s++) {
      String replicaSet = hex(random.nextLong(), 5);
      for (int h = 0; h < HOSTS_PER_SERVICE; h++) {
        hosts[s][h] = SERVICES[s] + "-" + replicaSet + "-" + hex(random.nextLong(), 5);
      }
    }
    for (int t = 0; t < TRACES_IN_FLIGHT; t++) {
      startTrace(t);
    }
  }

  /** Whether {@link #next()} has another event. */
  public boolean hasNext() {
    return emitted < events;
  }

  /** The next event as one JSON line without its newline. */
  public byte[] next() {
    if (!hasNext()) {
      throw new IllegalStateException("all " + events + " events were returned");
    }
    long timestamp = startMillis + Math.floorDiv(emitted * windowMillis, Math.max(1, events));
    emitted++;
    int trace = random.nextInt(TRACES_IN_FLIGHT);
    String traceId = traceIds[trace];
    if (--traceEventsLeft[trace] == 0) {
      startTrace(trace);
    }
    int service = random.nextInt(SERVICE_COUNT);
    Kind kind = kind();
    double duration = duration(kind);
    line.setLength(0);
    line.append("{\"timestamp\":\"").append(MILLIS_Z.format(Instant.ofEpochMilli(timestamp)))
        .append("\",\"level\":\"").append(kind.level)
        .append("\",\"service\":\"").append(SERVICES[service])
        .append("\",\"host\":\"").append(hosts[service][random.nextInt(HOSTS_PER_SERVICE)])
        .append("\",\"trace_id\":\"").append(traceId)
        .append("\",\"span_id\":\"").append(hex(random.nextLong(), 16))
        .append("\",\"request_id\":\"").append(hex(random.nextLong(), 12))
        .append("\",\"message\":\"");
    String method = kind == Kind.CARD_DECLINED || random.nextInt(4) == 0 ? pick(WRITE_METHODS) : pick(READ_METHODS);
    String path = "/api/v1/" + pick(RESOURCES) + "/" + random.nextInt(100_000);
    message(kind, method, path, duration);
    line.append("\",\"http\":{\"method\":\"").append(method).append("\",\"path\":\"").append(path)
        .append("\",\"status_code\":").append(status(kind))
        .append("},\"performance\":{\"duration_ms\":").append(duration).append("}}");
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** What an event is about: its level and its family of messages. */
  private enum Kind {
    INFO("INFO"), WARN("WARN"), ERROR("ERROR"), CARD_DECLINED("ERROR"), TIME_OUT_WARN("WARN"), TIMEOUT_ERROR("ERROR");

    final String level;

    Kind(String level) {
      this.level = level;
    }
  }

  private Kind kind() {
    if (random.nextInt(CARD_DECLINED_ONE_IN) == 0) {
      return Kind.CARD_DECLINED;
    }
    if (random.nextInt(TIME_OUT_ONE_IN) == 0) {
      return random.nextBoolean() ? Kind.TIME_OUT_WARN : Kind.TIMEOUT_ERROR;
    }
    int percent = random.nextInt(100);
    return percent < ERROR_PERCENT ? Kind.ERROR : percent < ERROR_PERCENT + WARN_PERCENT ? Kind.WARN : Kind.INFO;
  }

  /** Log-normal around 20 ms (slow kinds around 1.5 s), one decimal, as a timer would log it. */
  private double duration(Kind kind) {
    double median = kind == Kind.TIME_OUT_WARN || kind == Kind.TIMEOUT_ERROR ? 1_500 : kind == Kind.WARN ? 250 : 20;
    double millis = median * Math.exp(gaussian() * 0.9);
    return Math.round(millis * 10) / 10.0;
  }

  private void message(Kind kind, String method, String path, double duration) {
    switch (kind) {
      case CARD_DECLINED -> line.append("payment ").append(hex(random.nextLong(), 8)).append(" failed: card declined");
      case TIME_OUT_WARN -> line.append("upstream ").append(pick(SERVICES)).append(" did not answer, time out after ")
          .append(duration).append(" ms");
      case TIMEOUT_ERROR -> line.append("call to ").append(pick(SERVICES)).append(" failed: timeout after ")
          .append(duration).append(" ms");
      case ERROR -> {
        switch (random.nextInt(3)) {
          case 0 -> line.append("call to ").append(pick(SERVICES)).append(" failed: connection reset by peer");
          case 1 -> line.append("database error on ").append(pick(TABLES)).append(": deadlock detected");
          default -> line.append("unhandled exception in ").append(pick(HANDLERS)).append(": NullPointerException");
        }
      }
      case WARN -> {
        switch (random.nextInt(3)) {
          case 0 -> line.append("slow query on ").append(pick(TABLES)).append(" took ").append(duration).append(" ms");
          case 1 -> line.append("retrying call to ").append(pick(SERVICES)).append(", attempt ")
              .append(2 + random.nextInt(2)).append(" of 3");
          default -> line.append("connection pool ").append(pick(TABLES)).append(" at ").append(80 + random.nextInt(20))
              .append("% capacity");
        }
      }
      case INFO -> {
        switch (random.nextInt(8)) {
          case 0, 1, 2, 3 -> line.append(method).append(' ').append(path).append(" completed in ").append(duration)
              .append(" ms");
          case 4 -> line.append("order ").append(random.nextInt(10_000_000)).append(" created with ")
              .append(1 + random.nextInt(9)).append(" items");
          case 5 -> line.append("user ").append(random.nextInt(1_000_000)).append(" signed in from ").append(pick(COUNTRIES));
          case 6 -> line.append("published ").append(pick(TOPICS)).append(" at offset ").append(random.nextInt(1 << 30));
          default -> line.append("cache refreshed for ").append(pick(RESOURCES)).append(": ")
              .append(random.nextInt(50_000)).append(" entries");
        }
      }
      default -> throw new IllegalStateException("BUG: no message for " + kind);
    }
  }

  private int status(Kind kind) {
    return switch (kind) {
      case CARD_DECLINED -> 402;
      case TIME_OUT_WARN, TIMEOUT_ERROR -> 504;
      case ERROR -> random.nextBoolean() ? 500 : 503;
      case WARN -> random.nextInt(4) == 0 ? 429 : 200;
      case INFO -> random.nextInt(10) == 0 ? 201 : 200;
    };
  }

  /** A new trace in slot {@code t}: a fresh 128-bit id for 1 to {@code 2 × MEAN - 1} events (mean {@code MEAN}). */
  private void startTrace(int t) {
    traceIds[t] = hex(random.nextLong(), 16) + hex(random.nextLong(), 16);
    traceEventsLeft[t] = 1 + random.nextInt(2 * MEAN_EVENTS_PER_TRACE - 1);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** A standard normal sample (Box–Muller), from this generator's own sequence. */
  private double gaussian() {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** The low {@code digits × 4} bits of {@code bits} as lowercase hex, zero-padded. */
  static String hex(long bits, int digits) {
    String hex = Long.toHexString(digits == 16 ? bits : bits & ((1L << (digits * 4)) - 1));
    return hex.length() == digits ? hex : "0".repeat(digits - hex.length()) + hex;
  }
}
