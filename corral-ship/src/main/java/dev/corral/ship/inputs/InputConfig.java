package dev.corral.ship.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.ship.decode.Format;
import dev.corral.ship.decode.RecordAssembly;
import dev.corral.ship.decode.StaticFields;
import dev.corral.ship.files.FilesSettings;
import dev.corral.ship.lines.MultilineRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the {@code inputs:} list of {@code ship.yaml}, read and checked. Immutable. The keys (docs/ship.md,
 * "Inputs"):
 *
 * <ul>
 *   <li>{@code type}: {@code files} (default), {@code stdin}, {@code containers}, {@code journald};
 *   <li>{@code name}: the input's name in status, logs and its registry file; by default the type and a hash of
 *       the paths ({@code files-1a2b3c4d}), so reordering inputs keeps their registries;
 *   <li>{@code paths}, {@code exclude}: globs (files, containers; containers default to
 *       {@code /var/log/containers/*.log});
 *   <li>{@code start_at}: {@code beginning} (default, as Filebeat) or {@code end}: where files found at the first
 *       start without a registry entry begin (files, containers); where the journal begins without a saved cursor
 *       ({@code end} by default for journald: a whole journal is rarely what a first start should send);
 *   <li>{@code service}, {@code environment}, {@code host}, {@code fields}: static fields added to every record
 *       (an event's own field of the same name wins);
 *   <li>{@code format}: {@code auto} (default), {@code json}, {@code plain};
 *   <li>{@code pipeline}: the server pipeline the records run ({@code ?pipeline=} of their request);
 *   <li>{@code multiline}: {@code preset} ({@code java}, {@code python}) or {@code pattern}, {@code negate},
 *       {@code match}; {@code max_lines}, {@code max_bytes}, {@code timeout};
 *   <li>{@code max_open_files}, {@code close_inactive}, {@code scan_every}, {@code max_line_bytes},
 *       {@code clean_after}, {@code registry_flush}: tailing limits (files, containers);
 *   <li>{@code command}: the journal reader's command line (journald; {@code [journalctl]} by default).
 * </ul>
 *
 * @param index          its place in the list (errors name it)
 * @param type           what it reads
 * @param name           its name
 * @param paths          include globs (files, containers)
 * @param exclude        exclude globs
 * @param startAtEnd     {@code start_at: end}
 * @param fields         the static fields: {@code service}, {@code environment}, {@code host} then {@code fields}
 * @param format         how lines are decoded
 * @param pipeline       the server pipeline, or null
 * @param multiline      the multiline rule, or null
 * @param maxOpenFiles   most files open at once
 * @param closeInactive  how long a file at its end stays open
 * @param scanEvery      how often globs are walked again
 * @param maxLineBytes   the longest line kept whole
 * @param cleanAfter     how long the registry keeps a file no scan finds
 * @param registryFlush  how often the registry is written; zero: with every acknowledgement
 * @param command        the journal reader's command (journald)
 */
public record InputConfig(int index, InputType type, String name, List<String> paths, List<String> exclude,
    boolean startAtEnd, Map<String, Object> fields, Format format, String pipeline, MultilineRule multiline,
    int maxOpenFiles, Duration closeInactive, Duration scanEvery, int maxLineBytes, Duration cleanAfter,
    Duration registryFlush, List<String> command) {

  /** Half the common soft {@code ulimit -n} of 1024: the rest is for the spool, the sockets and the JVM. */
  public static final int DEFAULT_MAX_OPEN_FILES = 512;
  /** Filebeat's default: a log quiet for 5 minutes is rotated away or done; its handle is better released. */
  public static final Duration DEFAULT_CLOSE_INACTIVE = Duration.ofMinutes(5);
  /** Filebeat's default scan frequency: a new file waits at most this long to be found. */
  public static final Duration DEFAULT_SCAN_EVERY = Duration.ofSeconds(10);
  /** Half the server's default event limit (1 MiB): room for JSON escaping and the static fields. */
  public static final int DEFAULT_MAX_LINE_BYTES = 512 * 1024;
  /** The server's event limit can be raised to 64 MiB; a line held in memory beyond that is a bug, not a log. */
  public static final int MAX_LINE_BYTES = 64 << 20;
  /** A file gone for a day is not coming back under the same inode with the same content. */
  public static final Duration DEFAULT_CLEAN_AFTER = Duration.ofHours(24);
  /** Kubelet's symlinks to every container's log. */
  public static final String CONTAINERS_PATH = "/var/log/containers/*.log";

  static final List<String> KEYS = List.of("type", "name", "paths", "exclude", "start_at", "service", "environment",
      "host", "fields", "format", "pipeline", "multiline", "max_open_files", "close_inactive", "scan_every",
      "max_line_bytes", "clean_after", "registry_flush", "command");
  private static final List<String> FILE_KEYS = List.of("paths", "exclude", "max_open_files", "close_inactive",
      "scan_every", "max_line_bytes", "clean_after", "registry_flush");

  public InputConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    paths = List.copyOf(paths);
    exclude = List.copyOf(exclude);
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    command = List.copyOf(command);
  }

  /**
   * Reads the {@code inputs:} list.
   *
   * @throws IllegalArgumentException naming the input ({@code inputs[1]}), the key and the value when one is wrong,
   *     or when the list is missing or empty, or two inputs share a name
   */
  public static List<InputConfig> listFrom(JsonNode inputsNode) {
    if (inputsNode == null || inputsNode.isNull() || inputsNode.isMissingNode()) {
      throw new IllegalArgumentException("inputs: missing; give at least one input, e.g. inputs: [{paths: [\"/var/log/app/*.log\"]}]");
    }
    if (!inputsNode.isArray() || inputsNode.isEmpty()) {
      throw new IllegalArgumentException("inputs: must be a non-empty list of inputs, got " + inputsNode);
    }
    List<InputConfig> inputs = new ArrayList<>();
    for (int i = 0; i < inputsNode.size(); i++) {
      InputConfig input = from(inputsNode.get(i), i);
      for (InputConfig earlier : inputs) {
        if (earlier.name().equals(input.name())) {
          throw new IllegalArgumentException("inputs[" + i + "]: name '" + input.name() + "' is also the name of inputs["
              + earlier.index() + "]; give each input its own name (its registry file is named after it)");
        }
      }
      inputs.add(input);
    }
    return List.copyOf(inputs);
  }

  /** Reads one input; {@code index} is its place in the list, for errors. */
  public static InputConfig from(JsonNode node, int index) {
    ConfigNode config = new ConfigNode(node, "inputs[" + index + "]");
    config.requireKnown(KEYS);
    InputType type = InputType.parse(config.string("type", "files"), config.where());
    boolean tails = type == InputType.FILES || type == InputType.CONTAINERS;
    if (!tails) {
      for (String key : FILE_KEYS) {
        if (config.has(key)) {
          throw config.invalid(key, "applies to files and containers inputs, not to " + type.key());
        }
      }
    }
    if (type != InputType.JOURNALD && config.has("command")) {
      throw config.invalid("command", "applies to the journald input only");
    }
    List<String> paths = config.strings("paths", type == InputType.CONTAINERS ? List.of(CONTAINERS_PATH) : List.of());
    if (type == InputType.FILES && paths.isEmpty()) {
      throw config.invalid("paths", "missing; a files input needs at least one glob, e.g. [\"/var/log/app/*.log\"]");
    }
    String startAt = config.string("start_at", type == InputType.JOURNALD ? "end" : "beginning");
    if (!startAt.equals("beginning") && !startAt.equals("end")) {
      throw config.invalid("start_at", "'" + startAt + "' is neither beginning nor end");
    }
    if (type == InputType.STDIN && config.has("start_at")) {
      throw config.invalid("start_at", "does not apply to stdin (it is read from where it stands)");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String key : List.of("service", "environment", "host")) {
      String value = config.string(key, null);
      if (value != null) {
        fields.put(key, value);
      }
    }
    fields.putAll(config.map("fields"));
    Format format;
    try {
      format = Format.parse(config.string("format", "auto"));
    } catch (IllegalArgumentException e) {
      throw config.invalid("format", e.getMessage());
    }
    ConfigNode multilineBlock = config.child("multiline");
    MultilineRule multiline = multilineBlock == null ? null : MultilineOptions.read(multilineBlock);
    String name = config.string("name", defaultName(type, paths));
    return new InputConfig(index, type, name, paths, config.strings("exclude", List.of()), startAt.equals("end"),
        fields, format, config.string("pipeline", null), multiline,
        config.integer("max_open_files", DEFAULT_MAX_OPEN_FILES, 1, 1 << 20),
        config.duration("close_inactive", DEFAULT_CLOSE_INACTIVE, Duration.ofMillis(1), Duration.ofDays(365)),
        config.duration("scan_every", DEFAULT_SCAN_EVERY, Duration.ofMillis(1), Duration.ofDays(1)),
        config.integer("max_line_bytes", DEFAULT_MAX_LINE_BYTES, 1, MAX_LINE_BYTES),
        config.duration("clean_after", DEFAULT_CLEAN_AFTER, Duration.ofMinutes(1), Duration.ofDays(3650)),
        config.duration("registry_flush", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)),
        config.strings("command", List.of("journalctl")));
  }

  /** How this input's lines become records. */
  public RecordAssembly assembly() {
    return new RecordAssembly(format, StaticFields.of(fields), pipeline, multiline, type == InputType.CONTAINERS,
        maxLineBytes);
  }

  /** The tailing settings of a files or containers input. */
  public FilesSettings filesSettings() {
    if (type != InputType.FILES && type != InputType.CONTAINERS) {
      throw new IllegalStateException("BUG: inputs[" + index + "] is a " + type.key() + " input, not a files one");
    }
    return new FilesSettings(name, paths, exclude, startAtEnd, maxOpenFiles, closeInactive, scanEvery, maxLineBytes,
        cleanAfter, registryFlush, assembly());
  }

  /** {@code files-1a2b3c4d}: the type and a hash of the globs, stable when inputs are reordered. */
  static String defaultName(InputType type, List<String> paths) {
    if (type == InputType.STDIN || type == InputType.JOURNALD) {
      return type.key();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", paths).getBytes(StandardCharsets.UTF_8));
      return type.key() + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JVM has SHA-256", e);
    }
  }
}
