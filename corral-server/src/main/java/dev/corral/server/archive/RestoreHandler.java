package dev.corral.server.archive;

import dev.corral.server.search.ArchiveCacheFullException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/admin/archive/restore} (admin; docs/ui-api.md, "Archive"):
 *
 * <ul>
 *   <li>{@code POST {"from":"2026-09-01","to":"2026-09-07"}} or {@code {"all":true}}: fetches the
 *       archived days of the range (every day the bucket holds) into the cache and pins them;
 *       answers when done: {@code {"days","local","fetched","from_cache","failed":{day: reason},"took_ms"}};
 *   <li>{@code DELETE ?from=…&to=…} or {@code ?all=true}: releases those pins ({@code {"released":[…]}});
 *   <li>{@code GET}: the pinned days, {@code {"pinned":[{"day","cached"}]}}.
 * </ul>
 *
 * 400 for a bad or missing range, 409 when the archive is off, 507 when the days do not fit the
 * cache ({@code archive.cache_bytes}) or the disk.
 */
final class RestoreHandler implements Handler {
  /** A range is two dates; a request body beyond this is not one. */
  private static final int MAX_BODY_BYTES = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArchiveService archive;

  RestoreHandler(ArchiveService archive) {
    this.archive = archive;
  }

  /** A range of days; {@code from == null} means every day. */
  private record DayRange(LocalDate from, LocalDate to) {}

  @Override
  public Response handle(Request request) throws HttpError, IOException {
    if (!archive.enabled()) {
      throw new HttpError(409, "the archive is off: set archive.url (docs/operations.md, Archive)");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    switch (request.method()) {
      case "GET" -> json.put("pinned", archive.pinned());
      case "DELETE" -> {
        DayRange range = range(request.param("from", null), request.param("to", null),
            Boolean.parseBoolean(request.param("all", "false")));
        json.put("released", archive.release(range.from(), range.to()).stream().map(LocalDate::toString).toList());
      }
      default -> {
        JsonNode body = body(request);
        DayRange range = range(text(body, "from"), text(body, "to"), body.path("all").asBoolean(false));
        try {
          json.putAll(archive.restore(range.from(), range.to()));
        } catch (ArchiveCacheFullException e) {
          throw new HttpError(507, e.getMessage());
        } catch (ArchiveUnavailableException e) {
          throw new HttpError(503, e.getMessage());
        }
      }
    }
    return Response.json(200, Json.bytes(json));
  }

  private static JsonNode body(Request request) throws HttpError, IOException {
    byte[] bytes = request.body().readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "restore request is over " + MAX_BODY_BYTES + " bytes");
    }
    try {
      JsonNode body = bytes.length == 0 ? null : JSON.readTree(bytes);
      if (body == null || !body.isObject()) {
        throw new HttpError(400, "send {\"from\":\"2026-09-01\",\"to\":\"2026-09-07\"} or {\"all\":true}");
      }
      return body;
    } catch (IOException e) {
      throw new HttpError(400, "restore request is not JSON: " + e.getMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static DayRange range(String from, String to, boolean all) throws HttpError {
    if (all) {
      if (from != null || to != null) {
        throw new HttpError(400, "'all' and a range ('from', 'to') exclude each other");
      }
      return new DayRange(null, null);
    }
    if (from == null || to == null) {
      throw new HttpError(400, "name the days: 'from' and 'to' (YYYY-MM-DD, both included), or 'all'");
    }
    LocalDate first = day("from", from);
    LocalDate last = day("to", to);
    if (last.isBefore(first)) {
      throw new HttpError(400, "'to' (" + to + ") is before 'from' (" + from + ")");
    }
    return new DayRange(first, last);
  }

  private static LocalDate day(String field, String text) throws HttpError {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new HttpError(400, "'" + field + "' is '" + text + "', not a day YYYY-MM-DD");
    }
  }
}
