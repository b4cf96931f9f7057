package dev.corral.dist;

import dev.corral.server.config.ConfigTemplate;
import dev.corral.server.config.ConfigTemplate.Choice;
import dev.corral.server.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code conf/corral.yaml} of the distribution tarball: every setting, commented, with the
 * values an installed service runs with (API keys required, a month of retention, data under
 * {@code /var/lib/corral}). The file is generated from {@link Settings#ALL} and checked in as
 * {@code corral-dist/src/dist/conf/corral.yaml}; {@code PackagedConfigTest} fails when the two
 * disagree and names the command that writes it again.
 */
public final class PackagedConfig {
  /** Where the generated file is checked in, from the corral-dist module's directory. */
  public static final String SOURCE_PATH = "src/dist/conf/corral.yaml";

  /** The values the file sets, each with the reason written above it. */
  public static final Map<String, Choice> CHOICES = choices();

  private static final List<String> HEADER = List.of(
      "Corral's configuration as installed from the distribution tarball.",
      "",
      "Every setting Corral reads is below, grouped by section, with its description, its default and the",
      "environment variable that overrides it (the environment wins over this file, a --set flag over both).",
      "A line '#name: value' is a setting left at its default: remove the '#' (and change the value) to set",
      "it. The few lines without a '#' are the values this installation runs with, each with its reason.",
      "",
      "bin/corral serve reads this file (or the one CORRAL_CONFIG or --config names). docs/configuration.md",
      "describes the same settings; docs/operations.md describes the installation (Install, First start).",
      "This file is generated from corral-server's Settings.java (corral-dist PackagedConfig).");

  private PackagedConfig() {}

  /** The file's text. */
  public static String render() {
    return ConfigTemplate.render(HEADER, Settings.ALL, CHOICES);
  }

  private static Map<String, Choice> choices() {
    Map<String, Choice> choices = new LinkedHashMap<>();
    choices.put(Settings.DATA_DIR.key(), new Choice("/var/lib/corral",
        "the state directory the systemd unit may write (ReadWritePaths). To try Corral from the unpacked "
            + "directory instead, give bin/corral serve --data ./data (or CORRAL_DATA_DIR)."));
    choices.put(Settings.AUTH_MODE.key(), new Choice("keys",
        "every request but /health, /ready and the UI's files needs an API key, whatever http.host is. Create "
            + "the first one before the first start: bin/corral keys create --scope admin --name NAME --data "
            + "/var/lib/corral (docs/operations.md, First start)."));
    choices.put(Settings.FLUENT_PORT.key(), new Choice("-1",
        "off: with auth.mode keys the Fluent forward input needs fluent.shared_key. Set both to turn it on."));
    choices.put(Settings.RETENTION_MAX_AGE.key(), new Choice("30d",
        "a month of logs, so the disk does not fill up unnoticed. Raise it, or add retention.rules for what "
            + "must stay longer."));
    return Map.copyOf(choices);
  }
}
