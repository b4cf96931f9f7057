package dev.corral.bench;

import dev.corral.demo.SeedAlertRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert rules a bench run gives the Corral server, and how long they run alone after ingest
 * ({@code --alert-rules}, {@code --alert-every}, {@code --seed-rules}, {@code --alert-soak}).
 *
 * @param thresholdRules generated threshold rules ({@link ThresholdRules}), 0 for none
 * @param every schedule of the generated rules
 * @param seedRules whether the seed rules of {@code conf/alerts} ({@link SeedAlertRules}) run too
 * @param soak how long the rules run after ingest with nothing else going on, measured; zero for no soak
 */
public record AlertLoad(int thresholdRules, Duration every, boolean seedRules, Duration soak) {
  /**
   * {@code alerts.lag} of the server under test, the most Corral accepts: rule windows end an hour before now,
   * inside the dataset's three hours before it was written, so they hold events for the first hour after the
   * dataset was written (ingest plus soak must fit in it; the report's events per window show it).
   */
  public static final Duration LAG = Duration.ofHours(1);
  /** No rules and no soak: the mixed phase's server, whose queries run without alert rules beside them. */
  public static final AlertLoad NONE = new AlertLoad(0, Duration.ofSeconds(30), false, Duration.ZERO);
  /** More rules than a 2-core server could evaluate every second; a typo, not a load. */
  static final int MAX_RULES = 100_000;

  public AlertLoad {
    if (thresholdRules < 0 || thresholdRules > MAX_RULES) {
      throw new IllegalArgumentException("--alert-rules is " + thresholdRules + "; it must be 0 to " + MAX_RULES);
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("--alert-every is " + DurationText.format(every) + "; it must be above zero");
    }
    if (soak.isNegative()) {
      throw new IllegalArgumentException("--alert-soak is " + soak + "; it must be 0 or more");
    }
  }

  /** Whether the run installs any rule or soaks; when not, the report has no Alerting section. */
  public boolean active() {
    return thresholdRules > 0 || seedRules || !soak.isZero();
  }

  /** The server settings this load needs ({@code alerts.lag}); none when it installs no rule. */
  List<String> serverSettings() {
    return lag() == null ? List.of() : List.of("alerts.lag=" + DurationText.format(LAG));
  }

  /** The {@code alerts.lag} the server runs with: {@link #LAG} when the load installs rules, else null (default). */
  Duration lag() {
    return thresholdRules > 0 || seedRules ? LAG : null;
  }

  /**
   * Writes the rule files into {@code alertsDirectory} (the server's {@code alerts.dir}, empty, before the server
   * starts): the seed rules first (they install only into a directory without rules), then {@code
   * bench_threshold_NNN.yaml} for each generated rule; returns the files written.
   */
  List<String> install(Path alertsDirectory) throws IOException {
    Files.createDirectories(alertsDirectory);
    List<String> written = new ArrayList<>();
    if (seedRules) {
      written.addAll(SeedAlertRules.installInto(alertsDirectory));
      if (written.isEmpty()) {
        throw new IOException(alertsDirectory + " already holds rules; the seed rules need an empty alerts directory");
      }
    }
    for (int i = 0; i < thresholdRules; i++) {
      String file = ThresholdRules.name(i) + ".yaml";
      Files.writeString(alertsDirectory.resolve(file), ThresholdRules.yaml(i, every));
      written.add(file);
    }
    return written;
  }
}
