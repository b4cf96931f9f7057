package dev.corral.server.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Elasticsearch indices created through the compatible API ({@code PUT /{index}}) and the default
 * ingest pipeline of each ({@code index.default_pipeline}), which {@code _bulk} runs for an index when
 * neither the action nor {@code ?pipeline=} names one. Kept in {@value #FILE_NAME} in the pipelines'
 * directory (a dot file: the definitions' loader passes over it), {@code {"format_version": 1,
 * "indices": {"<index>": {"default_pipeline": "<id>" | null}}}}, replaced whole and durably on every
 * change ({@link DurableFile}), so the settings survive restarts and a crash leaves the old content or
 * the new.
 *
 * <p>Reads are lock-free (one immutable map swapped on change); changes are serialized by their
 * caller ({@link PipelineLibrary}, which also checks that the pipeline exists). Thread-safe.
 */
public final class IndexDefaultPipelines {
  /** The file, in the pipelines' directory. */
  public static final String FILE_NAME = ".index-defaults.json";
  /** Its format; a file of another version is refused at start, naming both. */
  static final int FORMAT_VERSION = 1;
  /**
   * Most indices remembered: Filebeat and Logstash create one index (or rollover alias) per day at
   * most, so this is years of them; and since each new one rewrites the file, it bounds what an
   * ingest key sending made-up names can make the server write (at most this many rewrites of a
   * file of at most ~100 KiB).
   */
  public static final int MAX_INDICES = 1_000;
  /** Elasticsearch's own limit on an index name, in bytes. */
  static final int MAX_NAME_BYTES = 255;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private volatile Map<String, String> defaults = Map.of();

  IndexDefaultPipelines(Path file) {
    this.file = file;
  }

  /**
   * Reads the file; a missing file is no index.
   *
   * @throws IOException naming the file when it cannot be read or is not in the expected format
   */
  void load() throws IOException {
    if (!Files.exists(file)) {
      defaults = Map.of();
      return;
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + " does not read as JSON: " + e.getMessage(), e);
    }
    int version = root.path("format_version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IOException(file + " has format_version " + version + ", this server reads " + FORMAT_VERSION);
    }
    Map<String, String> read = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("indices").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode pipeline = entry.getValue().path("default_pipeline");
      read.put(entry.getKey(), pipeline.isTextual() ? pipeline.asText() : null);
    }
    defaults = Collections.unmodifiableMap(read);
  }

  /** Whether {@code index} was created through the API (with or without settings). */
  public boolean exists(String index) {
    return defaults.containsKey(index);
  }

  /** The default pipeline of {@code index}, if it has one ({@code _none} included: it runs none). */
  public Optional<String> of(String index) {
    return index == null ? Optional.empty() : Optional.ofNullable(defaults.get(index));
  }

  /** The indices whose default pipeline is {@code pipeline}, in creation order. */
  public List<String> indicesUsing(String pipeline) {
    List<String> using = new ArrayList<>();
    defaults.forEach((index, id) -> {
      if (pipeline.equals(id)) {
        using.add(index);
      }
    });
    return using;
  }

  /**
   * Remembers {@code index}, with {@code pipeline} as its default (null: none), and writes the file.
   * The caller checked the name ({@link #checkName}) and the pipeline.
   *
   * @throws IndexSettingException {@link IndexSettingException.Kind#TOO_MANY} when a new index would pass {@link #MAX_INDICES}
   */
  void put(String index, String pipeline) throws IOException, IndexSettingException {
    Map<String, String> next = new LinkedHashMap<>(defaults);
    if (!next.containsKey(index) && next.size() >= MAX_INDICES) {
      throw new IndexSettingException(IndexSettingException.Kind.TOO_MANY, "index [" + index + "] cannot be created: "
          + "Corral remembers at most " + MAX_INDICES + " indices created through the Elasticsearch API");
    }
    next.put(index, pipeline);
    write(next);
    defaults = Collections.unmodifiableMap(next);
  }

  private void write(Map<String, String> indices) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format_version", FORMAT_VERSION);
    Map<String, Object> byIndex = new LinkedHashMap<>();
    indices.forEach((index, pipeline) -> {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("default_pipeline", pipeline);
      byIndex.put(index, settings);
    });
    json.put("indices", byIndex);
    Files.createDirectories(file.getParent());
    DurableFile.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
  }

  /**
   * Refuses a name Elasticsearch would refuse ({@code invalid_index_name_exception}): empty, over
   * {@value #MAX_NAME_BYTES} bytes, with upper case, starting with {@code _ - +}, {@code .} or
   * {@code ..}, or holding one of {@code \ / * ? " < > | , # :} or a space.
   */
  public static void checkName(String index) throws IndexSettingException {
    String problem = null;
    if (index.isEmpty()) {
      problem = "must not be empty";
    } else if (index.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      problem = "is longer than " + MAX_NAME_BYTES + " bytes";
    } else if (!index.equals(index.toLowerCase(java.util.Locale.ROOT))) {
      problem = "must be lowercase";
    } else if (index.equals(".") || index.equals("..")) {
      problem = "must not be '.' or '..'";
    } else if ("_-+".indexOf(index.charAt(0)) >= 0) {
      problem = "must not start with '_', '-', or '+'";
    } else {
      for (char c : "\\/*?\"<>|,#: ".toCharArray()) {
        if (index.indexOf(c) >= 0) {
          problem = "must not contain '" + c + "'";
          break;
        }
      }
    }
    if (problem != null) {
      throw new IndexSettingException(IndexSettingException.Kind.INVALID_NAME, "Invalid index name [" + index + "], "
          + problem);
    }
  }
}
