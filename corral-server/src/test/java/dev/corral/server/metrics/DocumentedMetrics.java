package dev.corral.server.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics docs/metrics.md lists: every table row {@code | `name` | type | labels | meaning |}
 * whose type is a Prometheus metric type. The labels are the back-quoted names of the third cell.
 */
record DocumentedMetrics(List<Metric> metrics) {
  /** The page, from the module directory surefire runs in. */
  static final Path PAGE = Path.of("..", "docs", "metrics.md");

  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z_:][a-z0-9_:]*)` \\| (counter|gauge|histogram|summary) \\|([^|]*)\\|");
  private static final Pattern QUOTED = Pattern.compile("`([a-z_]+)`");

  /** One documented metric. */
  record Metric(String name, String type, Set<String> labels) {}

  static DocumentedMetrics read() throws IOException {
    List<Metric> metrics = new ArrayList<>();
    for (String line : Files.readAllLines(PAGE)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher quoted = QUOTED.matcher(row.group(3));
        while (quoted.find()) {
          labels.add(quoted.group(1));
        }
        metrics.add(new Metric(row.group(1), row.group(2), labels));
      }
    }
    return new DocumentedMetrics(List.copyOf(metrics));
  }
}
