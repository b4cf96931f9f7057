package dev.corral.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The heap figure of a child JVM, from its unified GC log ({@code -Xlog:gc}): the largest heap
 * occupancy right after a collection. Young collections leave old-generation garbage in place,
 * so this is an upper bound of the live data the peer needed, the figure to compare with {@link
 * dev.corral.opensearch.node.ChildJvm#HEAP}. Stateless.
 */
final class GcLog {
  /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 512M->123M(1024M) 3.4ms}. */
  private static final Pattern COLLECTION = Pattern.compile("GC\\(\\d+\\) .*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private GcLog() {}

  /** The largest heap occupancy after a collection in {@code file}, in bytes; -1 when it holds none. */
  static long peakHeapAfterGcBytes(Path file) throws IOException {
    if (!Files.exists(file)) {
      return -1;
    }
    long peak = -1;
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        Matcher m = COLLECTION.matcher(line);
        if (m.find()) {
          peak = Math.max(peak, bytes(m.group(3), m.group(4)));
        }
      }
    }
    return peak;
  }

  private static long bytes(String amount, String unit) {
    long shift = switch (unit) {
      case "K" -> 10;
      case "M" -> 20;
      default -> 30;
    };
    return Long.parseLong(amount) << shift;
  }
}
