package dev.corral.opensearch.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Epoch nanoseconds as OpenSearch's {@code date_nanos} reads them: ISO-8601 UTC with nine fraction digits. */
final class TimeText {
  private static final DateTimeFormatter ISO_NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private TimeText() {}

  static String iso(long nanos) {
    return ISO_NANOS.format(instant(nanos));
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
