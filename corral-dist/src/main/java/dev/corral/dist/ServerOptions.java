package dev.corral.dist;

import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ConfigValues;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that start a server: port, data directory, config file and
 * single-setting overrides. Flags win over the environment, which wins over the file.
 */
public final class ServerOptions {
  /** Looked for in the working directory when no --config is given. */
  static final Path DEFAULT_CONFIG_FILE = Path.of("corral.yaml");

  @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE} unless set in config or CORRAL_HTTP_PORT).")
  Integer port;

  @Option(names = "--host", description = "Address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces).")
  String host;

  @Option(names = "--data", description = "Data directory (default ./data).")
  Path data;

  @Option(names = "--config", description = "YAML config file (default ./corral.yaml if present). Keys: docs/configuration.md.")
  Path config;

  @Option(names = "--set", description = "Override one setting, e.g. --set store.commit_interval=5s (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** Resolves the configuration from defaults, file, environment and these flags. */
  ServerConfig resolve() {
    return resolve(Map.of());
  }

  /**
   * Resolves as {@link #resolve()}, with {@code presets} (key to value) in place of the built-in
   * defaults: each applies only where neither the file, the environment nor a flag set the key.
   */
  ServerConfig resolve(Map<String, String> presets) {
    Map<String, String> flags = flags();
    Path file = config != null ? config : Files.isRegularFile(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null;
    ConfigValues values = ConfigLoader.load(file, System.getenv(), flags);
    Map<String, String> unset = new HashMap<>();
    presets.forEach((key, value) -> {
      if (values.source(Settings.byKey(key)).equals("default")) {
        unset.put(key, value);
      }
    });
    if (unset.isEmpty()) {
      return ServerConfig.from(values);
    }
    unset.putAll(flags);
    return ServerConfig.from(ConfigLoader.load(file, System.getenv(), unset));
  }

  private Map<String, String> flags() {
    Map<String, String> flags = new HashMap<>(overrides);
    if (port != null) {
      flags.put(Settings.HTTP_PORT.key(), port.toString());
    }
    if (host != null) {
      flags.put(Settings.HTTP_HOST.key(), host);
    }
    if (data != null) {
      flags.put(Settings.DATA_DIR.key(), data.toString());
    }
    return flags;
  }
}
