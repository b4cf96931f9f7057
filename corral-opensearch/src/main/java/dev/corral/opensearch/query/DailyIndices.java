package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.opensearch.mapping.DailyIndex;
import dev.corral.store.search.QueryTimeoutException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The store's indices, one per UTC day of the events' timestamps ({@link DailyIndex}). A query
 * searches {@link #pattern()} with its time window as a filter (OpenSearch skips the shards whose
 * timestamps cannot match), and reports as read the days whose index exists and overlaps the window.
 * Thread-safe.
 */
final class DailyIndices {
  private static final long DAY_NANOS = 86_400_000_000_000L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * How long a listing of the indices serves: the template's refresh interval, so a new day's index is
   * among the days read no later than its events are visible; one listing per second at most, whatever
   * the number of queries.
   */
  static final Duration LISTING_TTL = Duration.ofSeconds(1);

  private final String prefix;
  private List<LocalDate> listed;
  private long listedAtNanos;

  DailyIndices(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty() || !prefix.equals(prefix.toLowerCase(java.util.Locale.ROOT)) || prefix.contains("*")
        || prefix.contains(",")) {
      throw new IllegalArgumentException("store.opensearch.index_prefix ('" + prefix + "') must be a non-empty lowercase "
          + "index name without '*' or ','");
    }
    this.prefix = prefix;
  }

  /** Every index of the store: {@code <prefix>-*}. */
  String pattern() {
    return prefix + "-*";
  }

  /** The index of {@code day} ("2026-11-21", as {@link #daysOverlapping} names it). */
  String index(String day) {
    return DailyIndex.of(prefix, LocalDate.parse(day));
  }

  /**
   * The days ("2026-11-21"), newest first, whose index exists and overlaps {@code [fromNanos, toNanos]}.
   *
   * @throws QueryTimeoutException when the cluster does not answer before the deadline
   */
  List<String> daysOverlapping(SearchTransport transport, long fromNanos, long toNanos, Deadline deadline)
      throws IOException {
    List<String> days = new ArrayList<>();
    for (LocalDate day : days(transport, deadline)) {
      long first = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
      if (first <= toNanos && first + DAY_NANOS - 1 >= fromNanos) {
        days.add(day.toString());
      }
    }
    return days;
  }

  /** Every day with an index, newest first: listed again when the last listing is older than {@link #LISTING_TTL}. */
  private synchronized List<LocalDate> days(SearchTransport transport, Deadline deadline) throws IOException {
    if (listed != null && System.nanoTime() - listedAtNanos <= LISTING_TTL.toNanos()) {
      return listed;
    }
    SearchTransport.Response response;
    try {
      response = transport.send("GET", "/_resolve/index/" + pattern(), null, deadline.remaining());
    } catch (HttpTimeoutException e) {
      throw new QueryTimeoutException(deadline.timeout());
    }
    if (response.status() != 200) {
      throw ClusterErrors.unavailable("listing the indices " + pattern(), response);
    }
    List<LocalDate> days = new ArrayList<>();
    for (JsonNode index : MAPPER.readTree(response.body()).path("indices")) {
      DailyIndex.day(prefix, index.path("name").asText()).ifPresent(days::add);
    }
    days.sort(Comparator.reverseOrder());
    listed = List.copyOf(days);
    listedAtNanos = System.nanoTime();
    return listed;
  }
}
