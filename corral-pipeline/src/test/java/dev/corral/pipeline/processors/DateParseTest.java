package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.create;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Timestamps;
import dev.corral.pipeline.EventDocument;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateParseTest {
  private static long nanos(String iso) {
    return Timestamps.toNanos(Instant.parse(iso));
  }

  @Test
  void setsTheEventTimeFromAnAccessLogDate() throws Exception {
    EventDocument doc = document("m", "ts", "30/Apr/1998:22:00:52 +0200");
    run(doc, "date", "field", "ts", "formats", List.of("ISO8601", "dd/MMM/yyyy:HH:mm:ss Z"));
    assertThat(doc.get("timestamp")).isEqualTo(nanos("1998-04-30T20:00:52Z"));
    EventDocument elastic = document("m", "ts", "2026-01-02T03:04:05Z");
    run(elastic, "date", "field", "ts", "formats", List.of("ISO8601"), "target_field", "@timestamp");
    assertThat(elastic.get("timestamp")).isEqualTo(nanos("2026-01-02T03:04:05Z"));
    assertThat(elastic.has("@timestamp")).isFalse();
  }

  @Test
  void namedFormats() throws Exception {
    EventDocument doc = document("m", "iso", "2026-03-01T10:15:30.123+01:00", "unix", "1700000000.5", "ms",
        1700000000123L, "tai", "4000000050d506482dbdf024", "day", "2026-03-01");
    run(doc, "date", "field", "iso", "formats", List.of("ISO8601"), "target_field", "a");
    run(doc, "date", "field", "unix", "formats", List.of("UNIX"), "target_field", "b");
    run(doc, "date", "field", "ms", "formats", List.of("UNIX_MS"), "target_field", "c");
    run(doc, "date", "field", "tai", "formats", List.of("TAI64N"), "target_field", "d");
    run(doc, "date", "field", "day", "formats", List.of("ISO8601"), "target_field", "e", "timezone", "Europe/Paris");
    assertThat(doc.toMap()).containsEntry("a", "2026-03-01T09:15:30.123Z").containsEntry("b", "2023-11-14T22:13:20.500Z")
        .containsEntry("c", "2023-11-14T22:13:20.123Z").containsEntry("d", "2012-12-22T01:00:46.767422500Z")
        .containsEntry("e", "2026-02-28T23:00:00Z");
  }

  @Test
  void jodaPatternsTimezoneLocaleAndMissingYear() throws Exception {
    EventDocument doc = document("m", "joda", "2026-03-01 10:15:30 +01:00", "fr", "1 mars 2026 08:00",
        "syslog", "Mar  1 10:15:30");
    run(doc, "date", "field", "joda", "formats", List.of("YYYY-MM-dd HH:mm:ss ZZ"), "target_field", "a");
    run(doc, "date", "field", "fr", "formats", List.of("d MMMM yyyy HH:mm"), "locale", "fr", "timezone",
        "Europe/Paris", "target_field", "b", "output_format", "yyyy-MM-dd'T'HH:mm:ssXXX");
    run(doc, "date", "field", "syslog", "formats", List.of("MMM  d HH:mm:ss", "MMM dd HH:mm:ss"));
    assertThat(doc.toMap()).containsEntry("a", "2026-03-01T09:15:30Z").containsEntry("b", "2026-03-01T08:00:00+01:00");
    int year = ZonedDateTime.now(ZoneOffset.UTC).getYear();
    assertThat(doc.get("timestamp")).isEqualTo(nanos(year + "-03-01T10:15:30Z"));
  }

  @Test
  void textNoFormatParsesFailsNamingTheFormats() throws Exception {
    EventDocument doc = document("m", "ts", "yesterday", "far", "3000-01-01T00:00:00Z");
    assertThatThrownBy(() -> run(doc, "date", "field", "ts", "formats", List.of("ISO8601", "UNIX")))
        .hasMessage("field 'ts' is 'yesterday', which none of the formats [ISO8601, UNIX] parses");
    assertThatThrownBy(() -> run(doc, "date", "field", "far", "formats", List.of("ISO8601")))
        .hasMessageContaining("outside the years 1677 to 2262");
    assertThatThrownBy(() -> run(doc, "date", "field", "absent", "formats", List.of("ISO8601")))
        .hasMessage("field 'absent' is missing");
    assertThatThrownBy(() -> create("date", "field", "ts", "formats", List.of("yyyy-MM-dd{")))
        .hasMessageContaining("is not a valid date pattern");
    assertThatThrownBy(() -> create("date", "field", "ts", "formats", List.of("ISO8601"), "timezone", "Mars/Base"))
        .hasMessageContaining("option 'timezone' is not a time zone");
    assertThatThrownBy(() -> create("date", "field", "ts")).hasMessageContaining("option 'formats' is required");
  }
}
