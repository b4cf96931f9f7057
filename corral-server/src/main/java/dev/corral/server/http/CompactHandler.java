package dev.corral.server.http;

import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/admin/compact[?day=YYYY-MM-DD]}: compacts one partition (or every partition)
 * to warm now, whatever its age, and answers once done with each partition's size before and
 * after: {@code {"compacted":[{"day","events","bytes_before","bytes_after","took_ms","tier"}]}}.
 * The lifecycle does the same by itself {@code store.warm_after} after a day ends; this is for
 * operators and the benchmark. Unknown day → 404; malformed day → 400.
 */
public final class CompactHandler implements Handler {
  private final LogStore store;

  public CompactHandler(LogStore store) {
    this.store = store;
  }

  @Override
  public Response handle(Request request) throws Exception {
    String dayParam = request.param("day", null);
    Map<LocalDate, Long> sizesBefore = new LinkedHashMap<>();
    for (PartitionInfo partition : store.partitions()) { // read once: each info lists the partition's files
      sizesBefore.put(partition.day(), partition.sizeBytes());
    }
    List<LocalDate> days = new ArrayList<>();
    if (dayParam == null) {
      days.addAll(sizesBefore.keySet());
      java.util.Collections.reverse(days); // oldest first
    } else {
      days.add(parseDay(dayParam));
    }
    List<Map<String, Object>> compacted = new ArrayList<>();
    for (LocalDate day : days) {
      long before = sizesBefore.getOrDefault(day, -1L);
      long started = System.nanoTime();
      PartitionInfo after = store.compact(day)
          .orElseThrow(() -> new HttpError(404, "no partition holds day " + day));
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("day", day.toString());
      one.put("events", after.docCount());
      one.put("bytes_before", before);
      one.put("bytes_after", after.sizeBytes());
      one.put("took_ms", (System.nanoTime() - started) / 1_000_000);
      one.put("tier", after.tier().label());
      compacted.add(one);
    }
    return Response.json(200, Json.bytes(Map.of("compacted", compacted)));
  }

  private static LocalDate parseDay(String text) throws HttpError {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new HttpError(400, "day must be a UTC date like 2026-11-21, not '" + text + "'");
    }
  }
}
