package dev.corral.server.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.query.QuerySyntaxException;
import dev.corral.server.search.FilterText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The erasure log, {@code data/erasure/erasures.ndjson}: journal and audit trail in one append-only
 * file (docs/security.md, "Audit of erasures"). One JSON object a line, each with {@code
 * "format_version": 1} and a {@code type}:
 *
 * <ul>
 *   <li>{@code started}: {@code id, at, key_id, key_name, query, from, to, days} — written and
 *       fsynced before anything is deleted;
 *   <li>{@code day}: {@code id, at} and the day's {@link DayErasure} — after the day is done
 *       everywhere (store, archive, raw backup);
 *   <li>{@code resumed}: {@code id, at} — a restart found it unfinished and goes on;
 *   <li>{@code finished}: {@code id, at, outcome} ({@code completed} or {@code failed}), {@code
 *       events}, {@code error}.
 * </ul>
 *
 * An erasure with a {@code started} and no {@code finished} line is unfinished: the server resumes it
 * at start. Every append is fsynced; a line a crash tore (no newline at the end) is cut off when the
 * file is opened. Lines are never rewritten. Thread-safe.
 */
final class ErasureLog {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final List<ObjectNode> lines;

  private ErasureLog(Path file, List<ObjectNode> lines) {
    this.file = file;
    this.lines = lines;
  }

  /**
   * Opens the log, creating it when there is none.
   *
   * @throws IOException naming the file and the line when a line is not JSON or not version {@value #FORMAT_VERSION}
   */
  static ErasureLog open(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    List<ObjectNode> lines = new ArrayList<>();
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--; // a line a crash tore: its erasure is resumed from the lines before
      }
      if (end < bytes.length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.truncate(end);
          channel.force(true);
        }
      }
      String[] text = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < text.length; i++) {
        if (!text[i].isBlank()) {
          lines.add(parseLine(text[i], file + ":" + (i + 1)));
        }
      }
    }
    return new ErasureLog(file, lines);
  }

  private static ObjectNode parseLine(String line, String place) throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      throw new IOException(place + " is not JSON: " + e.getMessage(), e);
    }
    if (!(node instanceof ObjectNode object) || node.path("format_version").asInt(-1) != FORMAT_VERSION) {
      throw new IOException(place + " has format_version " + node.path("format_version") + "; this server reads "
          + FORMAT_VERSION);
    }
    return object;
  }

  Path path() {
    return file;
  }

  synchronized void started(Erasure erasure) throws IOException {
    ObjectNode line = line("started", erasure.id(), erasure.started());
    line.put("key_id", erasure.keyId()).put("key_name", erasure.keyName()).put("query", erasure.request().query())
        .put("from", erasure.request().from().toString()).put("to", erasure.request().to().toString());
    var days = line.putArray("days");
    erasure.days().forEach(day -> days.add(day.toString()));
    append(line);
  }

  synchronized void dayDone(String id, Instant at, DayErasure day) throws IOException {
    ObjectNode line = line("day", id, at);
    line.setAll((ObjectNode) JSON.valueToTree(day.toJson()));
    append(line);
  }

  synchronized void resumed(String id, Instant at) throws IOException {
    append(line("resumed", id, at));
  }

  synchronized void finished(String id, Instant at, long events, String error) throws IOException {
    ObjectNode line = line("finished", id, at);
    line.put("outcome", error == null ? "completed" : "failed").put("events", events).put("error", error);
    append(line);
  }

  private static ObjectNode line(String type, String id, Instant at) {
    ObjectNode line = JSON.createObjectNode();
    line.put("format_version", FORMAT_VERSION).put("type", type).put("id", id).put("at", at.toString());
    return line;
  }

  private void append(ObjectNode line) throws IOException {
    byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    lines.add(line);
  }

  /**
   * The erasures started and not finished, oldest first, each with the days already done.
   *
   * @throws IOException naming the file when a {@code started} line cannot be read back
   */
  synchronized List<Unfinished> unfinished() throws IOException {
    Map<String, Unfinished> open = new LinkedHashMap<>();
    for (ObjectNode line : lines) {
      String id = line.path("id").asText();
      switch (line.path("type").asText()) {
        case "started" -> open.put(id, new Unfinished(readStarted(line), new TreeSet<>()));
        case "day" -> {
          Unfinished erasure = open.get(id);
          if (erasure != null) {
            erasure.done().add(LocalDate.parse(line.path("day").asText()));
          }
        }
        case "finished" -> open.remove(id);
        default -> { } // resumed: informative
      }
    }
    return List.copyOf(open.values());
  }

  private Erasure readStarted(ObjectNode line) throws IOException {
    String place = file + ", erasure " + line.path("id").asText();
    try {
      String query = line.path("query").asText();
      List<LocalDate> days = new ArrayList<>();
      line.path("days").forEach(day -> days.add(LocalDate.parse(day.asText())));
      return new Erasure(line.path("id").asText(), new ErasureRequest(query, FilterText.parse(query),
          LocalDate.parse(line.path("from").asText()), LocalDate.parse(line.path("to").asText())),
          line.path("key_id").asText(), line.path("key_name").asText(), Instant.parse(line.path("at").asText()), days);
    } catch (DateTimeParseException | QuerySyntaxException e) {
      throw new IOException(place + ": " + e.getMessage(), e);
    }
  }

  /** The newest {@code count} lines, newest last, as JSON values. */
  synchronized List<JsonNode> newest(int count) {
    return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  /** An erasure the log holds unfinished, and the days it has done. */
  record Unfinished(Erasure erasure, Set<LocalDate> done) {}
}
