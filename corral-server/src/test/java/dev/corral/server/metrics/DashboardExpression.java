package dev.corral.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One PromQL expression of the Grafana dashboard, checked against a live scrape. */
final class DashboardExpression {
  /** A metric of the dashboard's queries: {@code corral_…}, {@code jvm_…}, {@code process_…}, with its selector. */
  private static final Pattern SELECTOR =
      Pattern.compile("\\b((?:corral|jvm|process)_[a-zA-Z0-9_:]*)(\\{([^}]*)})?");
  private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
  /** Labels Prometheus adds to every series of a target, not part of the exposition. */
  private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

  private DashboardExpression() {}

  /**
   * Fails the test unless each metric {@code expr} names is in {@code scrape}, with every label its
   * matchers and groupings name (but the target labels Prometheus adds itself).
   */
  static void assertServed(String expr, ScrapedMetrics scrape) {
    Matcher selector = SELECTOR.matcher(expr);
    Set<String> labels = new TreeSet<>();
    Set<String> served = new TreeSet<>();
    boolean any = false;
    while (selector.find()) {
      any = true;
      String name = selector.group(1);
      assertThat(scrape.hasSample(name)).as("'%s' of the dashboard's '%s' is served", name, expr).isTrue();
      ScrapedMetrics.Family family = scrape.familyOfSample(name);
      Set<String> own = new TreeSet<>(family.labelNames());
      if (name.endsWith("_bucket")) {
        own.add("le");
      }
      served.addAll(own);
      if (selector.group(3) != null) {
        Matcher label = MATCHER_LABEL.matcher(selector.group(3));
        while (label.find()) {
          if (!TARGET_LABELS.contains(label.group(1))) {
            assertThat(own).as("label '%s' of %s in '%s'", label.group(1), name, expr).contains(label.group(1));
          }
        }
      }
    }
    assertThat(any).as("'%s' queries a Corral, JVM or process metric", expr).isTrue();
    Matcher grouping = GROUPING.matcher(expr);
    while (grouping.find()) {
      for (String label : grouping.group(1).split(",")) {
        if (!label.isBlank() && !TARGET_LABELS.contains(label.trim())) {
          labels.add(label.trim());
        }
      }
    }
    assertThat(served).as("the labels '%s' groups by", expr).containsAll(labels);
  }
}
