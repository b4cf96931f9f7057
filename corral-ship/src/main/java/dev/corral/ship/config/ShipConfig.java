package dev.corral.ship.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * The shipper's configuration file ({@code corral ship --config ship.yaml}). The smallest one that works:
 *
 * <pre>{@code
 * output: {url: "http://127.0.0.1:8080"}
 * inputs: [{paths: ["/var/log/app/*.log"], service: checkout}]
 * }</pre>
 *
 * Every other setting has a default (see each section). {@code inputs} is kept as the raw YAML tree: the
 * inputs' own parser reads it ({@code dev.corral.ship.inputs}).
 *
 * @param output   where batches go
 * @param inputs   the {@code inputs:} list as written
 * @param registry the directory of the inputs' registry and of the spool ({@code <registry>/spool})
 * @param spool    the disk spool's bounds
 * @param status   the status endpoint
 */
public record ShipConfig(OutputConfig output, JsonNode inputs, Path registry, SpoolConfig spool, StatusConfig status) {
  /** Relative to the working directory, beside the server's {@code ./data}. */
  public static final String DEFAULT_REGISTRY = "./data/ship";
  private static final Set<String> KEYS = Set.of("output", "inputs", "registry", "spool", "status");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public ShipConfig {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(spool, "spool");
    Objects.requireNonNull(status, "status");
  }

  /** The spool directory: inside the registry directory, so one directory holds all the shipper's state. */
  public Path spoolDir() {
    return registry.resolve("spool");
  }

  /** Reads a configuration file; the error names the file and the field. */
  public static ShipConfig load(Path file) throws IOException {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(file + " is not valid YAML: " + e.getOriginalMessage());
    }
    try {
      return parse(root);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }

  /** Reads a configuration from YAML text (for tests and {@code --config -}). */
  public static ShipConfig parse(String yaml) {
    try {
      return parse(YAML.readTree(yaml));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException("not valid YAML: " + e.getOriginalMessage());
    }
  }

  private static ShipConfig parse(JsonNode root) {
    ConfigNode top = ConfigNode.of("", root == null || root.isMissingNode() ? null : root);
    top.refuseUnknown(KEYS);
    JsonNode inputs = top.get("inputs");
    if (inputs != null && !inputs.isArray()) {
      throw new ConfigException("inputs must be a list of inputs, not " + inputs);
    }
    return new ShipConfig(OutputConfig.from(top.child("output")), inputs == null ? MissingNode.getInstance() : inputs,
        Path.of(top.text("registry", DEFAULT_REGISTRY)), SpoolConfig.from(top.child("spool")),
        StatusConfig.from(top.child("status")));
  }
}
