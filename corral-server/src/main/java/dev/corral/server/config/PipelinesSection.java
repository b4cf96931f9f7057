package dev.corral.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code pipelines.*} settings (docs/pipelines.md): where definitions and GeoIP databases live,
 * which pipeline each input runs by default, and how often the directory is checked for changes.
 *
 * @param directory the definitions' directory
 * @param geoipDirectory where {@code geoip}'s {@code database_file} is resolved
 * @param inputDefaults input name ({@code syslog-tcp}) to the id of the pipeline it runs when a request names none
 * @param reloadInterval how often the directory's files are compared with what was loaded
 * @param bulkIndices {@code _bulk} index pattern ({@code logs-nginx-*}) to its default pipeline, in order
 * @param previewEvents how many of the last events of each input are kept for the live preview (0: none)
 */
public record PipelinesSection(Path directory, Path geoipDirectory, Map<String, String> inputDefaults,
    Duration reloadInterval, Map<String, String> bulkIndices, int previewEvents) {
  /** A check lists one directory and stats its files: more often than this only costs I/O. */
  private static final Duration MIN_RELOAD_INTERVAL = Duration.ofMillis(100);
  /** The preview simulates at most this many samples at once (the debugger's limit), so more would never be shown. */
  public static final int MAX_PREVIEW_EVENTS = 100;

  public PipelinesSection {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(geoipDirectory, "geoipDirectory");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
    inputDefaults = Map.copyOf(inputDefaults);
    bulkIndices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bulkIndices));
  }

  /** Reads the {@code pipelines.*} settings; relative defaults live under {@code dataDir}. */
  public static PipelinesSection from(ConfigValues values, Path dataDir) {
    String directory = values.text(Settings.PIPELINES_DIR).trim();
    String geoip = values.text(Settings.PIPELINES_GEOIP_DIR).trim();
    Map<String, String> defaults = pairs(values, Settings.PIPELINES_INPUTS, "input", "syslog-tcp=syslog");
    return new PipelinesSection(directory.isEmpty() ? dataDir.resolve("pipelines") : Path.of(directory),
        geoip.isEmpty() ? dataDir.resolve("geoip") : Path.of(geoip), defaults,
        values.duration(Settings.PIPELINES_RELOAD_INTERVAL, MIN_RELOAD_INTERVAL, Duration.ofHours(1)),
        pairs(values, Settings.PIPELINES_BULK_INDICES, "index pattern", "logs-nginx-*=nginx"),
        values.integer(Settings.PIPELINES_PREVIEW_EVENTS, 0, MAX_PREVIEW_EVENTS));
  }

  /** A list setting of {@code key=pipeline} items, in order; a malformed or repeated item is refused naming it. */
  private static Map<String, String> pairs(ConfigValues values, Setting setting, String what, String example) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String item : values.list(setting)) {
      int equals = item.indexOf('=');
      if (equals < 1 || equals == item.length() - 1) {
        throw new ConfigException("setting " + setting.key() + " (from " + values.source(setting) + "): item '" + item
            + "' must be " + what.replace(' ', '_') + "=pipeline, e.g. " + example);
      }
      String key = item.substring(0, equals).trim();
      if (pairs.put(key, item.substring(equals + 1).trim()) != null) {
        throw new ConfigException("setting " + setting.key() + " (from " + values.source(setting) + "): " + what
            + " '" + key + "' is listed twice");
      }
    }
    return pairs;
  }
}
