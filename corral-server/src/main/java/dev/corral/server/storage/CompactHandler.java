package dev.corral.server.storage;

import dev.corral.server.http.Response;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import dev.corral.store.CompactionOutcome;
import dev.corral.store.CompactionTicket;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/admin/compact[?day=YYYY-MM-DD][&wait=false]}: compacts one partition (or every
 * partition, oldest first) to warm now, whatever its age. The store runs one compaction at a time;
 * a request for a day whose compaction is already queued or running joins it ({@code "joined":true})
 * instead of doing the work again.
 *
 * <p>By default it answers once done, with each partition's size before and after:
 * {@code {"compacted":[{"day","events","bytes_before","bytes_after","took_ms","tier","joined"}]}}.
 * With {@code wait=false} it answers 202 at once: {@code {"compacting":[{"day","joined"}]}} (a big
 * day takes minutes; {@code GET /api/v1/stats} shows its tier). The lifecycle does the same by
 * itself {@code store.warm_after} after a day ends; this is for operators and the benchmark.
 * Unknown day → 404; malformed day or {@code wait} → 400.
 */
public final class CompactHandler implements Handler {
  private final LogStore store;

  public CompactHandler(LogStore store) {
    this.store = store;
  }

  @Override
  public Response handle(Request request) throws Exception {
    String dayParam = request.param("day", null);
    boolean wait = parseWait(request.param("wait", "true"));
    List<LocalDate> days = new ArrayList<>();
    if (dayParam == null) {
      for (PartitionInfo partition : store.partitions()) {
        days.add(0, partition.day()); // oldest first
      }
    } else {
      days.add(parseDay(dayParam));
    }
    List<CompactionTicket> tickets = new ArrayList<>();
    for (LocalDate day : days) {
      tickets.add(store.lifecycle().startCompaction(day).orElseThrow(() -> new HttpError(404, "no partition holds day " + day)));
    }
    if (!wait) {
      List<Map<String, Object>> started = new ArrayList<>();
      for (CompactionTicket ticket : tickets) {
        started.add(Map.of("day", ticket.day().toString(), "joined", ticket.joined()));
      }
      return Response.json(202, Json.bytes(Map.of("compacting", started)));
    }
    List<Map<String, Object>> compacted = new ArrayList<>();
    for (CompactionTicket ticket : tickets) {
      CompactionOutcome outcome = ticket.await();
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("day", ticket.day().toString());
      one.put("events", outcome.partition().docCount());
      one.put("bytes_before", outcome.bytesBefore());
      one.put("bytes_after", outcome.partition().sizeBytes());
      one.put("took_ms", outcome.tookMillis());
      one.put("tier", outcome.partition().tier().label());
      one.put("joined", outcome.joined());
      compacted.add(one);
    }
    return Response.json(200, Json.bytes(Map.of("compacted", compacted)));
  }

  private static boolean parseWait(String text) throws HttpError {
    return switch (text.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new HttpError(400, "wait must be true or false, not '" + text + "'");
    };
  }

  private static LocalDate parseDay(String text) throws HttpError {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new HttpError(400, "day must be a UTC date like 2026-11-21, not '" + text + "'");
    }
  }
}
