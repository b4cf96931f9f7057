package dev.corral.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One scrape of {@code GET /metrics} read as Prometheus reads the text format (version 0.0.4):
 * families announced by {@code # HELP} and {@code # TYPE} lines, then their samples with labels
 * (values unescaped). Parsing fails the test on a line a scraper would reject: a sample before
 * its family's TYPE line, a sample whose name is not its family's (plus {@code _total},
 * {@code _bucket}, {@code _count}, {@code _sum}, {@code _created}), an unreadable label or value.
 */
final class ScrapedMetrics {
  /** One sample: its full name ({@code corral_query_duration_seconds_bucket}), labels and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** One family: its type, help and samples. */
  record Family(String name, String type, String help, List<Sample> samples) {
    /** The label names of its samples, less {@code le} and {@code quantile} (those of the buckets). */
    Set<String> labelNames() {
      Set<String> names = new TreeSet<>();
      for (Sample sample : samples) {
        names.addAll(sample.labels().keySet());
      }
      names.remove("le");
      names.remove("quantile");
      return names;
    }
  }

  private static final List<String> SUFFIXES = List.of("_total", "_bucket", "_count", "_sum", "_created");

  private final Map<String, Family> families;

  private ScrapedMetrics(Map<String, Family> families) {
    this.families = families;
  }

  /** Parses {@code text}, a whole scrape. */
  static ScrapedMetrics parse(String text) {
    Map<String, String> help = new LinkedHashMap<>();
    Map<String, Family> families = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# HELP ")) {
        String[] parts = line.split(" ", 4);
        help.put(parts[2], parts.length > 3 ? parts[3] : "");
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertThat(parts).as(line).hasSize(4);
        assertThat(parts[3]).as(line).isIn("counter", "gauge", "histogram", "summary", "untyped");
        assertThat(help).as("HELP before '%s'", line).containsKey(parts[2]);
        families.put(parts[2], new Family(parts[2], parts[3], help.get(parts[2]), new ArrayList<>()));
      } else {
        assertThat(line).as("no comments but HELP and TYPE").doesNotStartWith("#");
        Sample sample = sample(line);
        familyOf(sample.name(), families).samples().add(sample);
      }
    }
    return new ScrapedMetrics(families);
  }

  /** The family named {@code name}, failing the test when the scrape has none (or none with samples). */
  Family family(String name) {
    Family family = families.get(name);
    assertThat(family).as("metric family %s in the scrape", name).isNotNull();
    assertThat(family.samples()).as("samples of %s", name).isNotEmpty();
    return family;
  }

  /** Whether a sample of this full name (e.g. {@code corral_query_duration_seconds_bucket}) is in the scrape. */
  boolean hasSample(String name) {
    return families.values().stream().flatMap(family -> family.samples().stream())
        .anyMatch(sample -> sample.name().equals(name));
  }

  /** The family a sample of this full name belongs to, or null. */
  Family familyOfSample(String name) {
    return families.values().stream()
        .filter(family -> family.samples().stream().anyMatch(sample -> sample.name().equals(name)))
        .findFirst().orElse(null);
  }

  /**
   * The sum of the samples named {@code name} whose labels include {@code labels} (name, value pairs);
   * fails the test when none matches.
   */
  double value(String name, String... labels) {
    OptionalDouble sum = sum(name, labels);
    assertThat(sum).as("a sample %s with labels %s", name, List.of(labels)).isPresent();
    return sum.getAsDouble();
  }

  /** {@link #value}, empty when no sample matches. */
  OptionalDouble sum(String name, String... labels) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    double sum = 0;
    boolean found = false;
    for (Sample sample : samples()) {
      if (sample.name().equals(name) && sample.labels().entrySet().containsAll(wanted.entrySet())) {
        sum += sample.value();
        found = true;
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /** Every sample of the scrape. */
  List<Sample> samples() {
    return families.values().stream().flatMap(family -> family.samples().stream()).toList();
  }

  private static Family familyOf(String name, Map<String, Family> families) {
    if (families.containsKey(name)) {
      return families.get(name);
    }
    for (String suffix : SUFFIXES) {
      String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
      if (base != null && families.containsKey(base)) {
        return families.get(base);
      }
    }
    throw new AssertionError("no TYPE line for the sample '" + name + "'");
  }

  /** {@code name{a="x",b="y"} value}: labels unescaped ({@code \\}, {@code \"}, {@code \n}). */
  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    assertThat(name).as(line).matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    Map<String, String> labels = new TreeMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int equals = line.indexOf("=\"", i);
        assertThat(equals).as("a label in '%s'", line).isPositive();
        String label = line.substring(i, equals);
        StringBuilder value = new StringBuilder();
        int j = equals + 2;
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char escaped = line.charAt(++j);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    String rest = line.substring(i).trim();
    assertThat(rest).as("a value (no timestamp) in '%s'", line).matches("\\S+");
    double value = switch (rest) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(rest);
    };
    return new Sample(name, labels, value);
  }
}
