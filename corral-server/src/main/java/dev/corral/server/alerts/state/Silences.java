package dev.corral.server.alerts.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The silences and maintenance windows, kept in {@code <data>/alerts-state/silences.json}
 * ({@code {"format_version": 1, "silences": [...]}}, {@link SilenceJson}'s form), rewritten whole
 * and atomically on every change. An expired silence stays listed for the retention, then is
 * forgotten. Thread-safe: every method is synchronized; {@link #silencedBy} is a scan of at most
 * {@link #MAX_SILENCES} silences.
 */
final class Silences implements Silencer {
  /** The format this server reads and writes. */
  static final int FORMAT_VERSION = 1;
  /** Silences kept at once (active, pending and recently expired): each is checked for every notified instance. */
  static final int MAX_SILENCES = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Duration expiredRetention;
  private final Map<String, Silence> silences = new LinkedHashMap<>();

  /**
   * @param file the silences file
   * @param expiredRetention how long an expired silence stays listed
   */
  Silences(Path file, Duration expiredRetention) {
    this.file = file;
    this.expiredRetention = expiredRetention;
  }

  /**
   * Reads the file, when there is one.
   *
   * @throws IOException naming the file and the silence when it does not read
   */
  synchronized void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    JsonNode root = StateFile.readVersioned(file, FORMAT_VERSION);
    int index = 0;
    for (JsonNode json : root.path("silences")) {
      try {
        Silence silence = SilenceJson.parseStored(json);
        silences.put(silence.id(), silence);
      } catch (InvalidSilenceException | IllegalArgumentException e) {
        throw new IOException(file + ": silences[" + index + "] does not read: " + e.getMessage(), e);
      }
      index++;
    }
  }

  /**
   * Adds a silence and writes the file.
   *
   * @throws InvalidSilenceException when {@link #MAX_SILENCES} are kept already
   */
  synchronized void add(Silence silence, Instant now) throws InvalidSilenceException, IOException {
    prune(now);
    if (silences.size() >= MAX_SILENCES) {
      throw new InvalidSilenceException("$", silences.size() + " silences are kept, the limit is " + MAX_SILENCES
          + "; delete some that are no longer needed");
    }
    silences.put(silence.id(), silence);
    write();
  }

  /** Deletes a silence (its instances are notified again from their next evaluation); false when unknown. */
  synchronized boolean delete(String id) throws IOException {
    if (silences.remove(id) == null) {
      return false;
    }
    write();
    return true;
  }

  /** Every silence kept, oldest first, after forgetting those expired longer than the retention. */
  synchronized List<Silence> list(Instant now) throws IOException {
    if (prune(now)) {
      write();
    }
    return List.copyOf(silences.values());
  }

  @Override
  public synchronized Optional<String> silencedBy(Map<String, String> labels, Instant at) {
    for (Silence silence : silences.values()) {
      if (silence.silences(labels, at)) {
        return Optional.of(silence.id());
      }
    }
    return Optional.empty();
  }

  /** How many silences are active now. */
  synchronized int active(Instant now) {
    return (int) silences.values().stream().filter(silence -> silence.activeAt(now)).count();
  }

  private boolean prune(Instant now) {
    Instant horizon = now.minus(expiredRetention);
    return silences.values().removeIf(silence -> silence.endsAt().isBefore(horizon));
  }

  private void write() throws IOException {
    List<Object> all = new ArrayList<>();
    silences.values().forEach(silence -> all.add(SilenceJson.toMap(silence)));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", FORMAT_VERSION);
    root.put("silences", all);
    Files.createDirectories(file.getParent());
    DurableFile.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }
}
