package dev.corral.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed alert rules that ship in {@code conf/alerts/} (and, in the jar, as resources): the three incident
 * rules of the seeds — error_spike (critical for payment-gateway and user-auth, a warning elsewhere),
 * cross_service_failure and performance_degradation. {@code corral demo} installs them into an alerts directory
 * that holds no rule yet, so the demo's incidents fire alerts; a directory with rules of its own is left alone.
 * {@code corral bench --seed-rules} installs them beside its generated rules. They live with the fleet whose
 * incidents they catch, so both commands reach them (corral-demo's pom copies {@code conf/alerts}).
 */
public final class SeedAlertRules {
  /** The files, as named in {@code conf/alerts/}; a test checks that the two lists agree. */
  public static final List<String> FILES = List.of("error_spike.yaml", "error_spike_other_services.yaml",
      "cross_service_failure.yaml", "performance_degradation.yaml");
  private static final String RESOURCES = "/dev/corral/demo/seed-alerts/";

  private SeedAlertRules() {}

  /**
   * Writes every seed rule into {@code alertsDirectory} when it holds no rule file yet (any {@code *.yaml} but
   * {@code channels.yaml}); returns the files written, none when it held rules.
   */
  public static List<String> installInto(Path alertsDirectory) throws IOException {
    Files.createDirectories(alertsDirectory);
    if (holdsRules(alertsDirectory)) {
      return List.of();
    }
    List<String> written = new ArrayList<>();
    for (String file : FILES) {
      try (InputStream in = SeedAlertRules.class.getResourceAsStream(RESOURCES + file)) {
        if (in == null) {
          throw new IllegalStateException("BUG: seed alert rule " + file + " is not in the jar (see corral-demo/pom.xml)");
        }
        Files.write(alertsDirectory.resolve(file), in.readAllBytes());
        written.add(file);
      }
    }
    return written;
  }

  private static boolean holdsRules(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString())
          .anyMatch(name -> name.endsWith(".yaml") && !name.equals("channels.yaml") && !name.startsWith("."));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
