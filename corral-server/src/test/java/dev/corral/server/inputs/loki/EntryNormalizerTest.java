package dev.corral.server.inputs.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.EventDecoder;
import org.junit.jupiter.api.Test;

class EntryNormalizerTest {
  private static final long TS = 1_732_208_400_123_456_789L;
  private final EntryNormalizer normalizer = new EntryNormalizer(EventDecoder.defaults());

  private static Fields fields(String... pairs) {
    Fields.Builder builder = Fields.builder(pairs.length / 2);
    for (int i = 0; i < pairs.length; i += 2) {
      builder.put(pairs[i], pairs[i + 1]);
    }
    return builder.build();
  }

  @Test
  void textLineIsTheMessageAndLabelsAreFields() throws Exception {
    LogEvent event = normalizer.toEvent(fields("service_name", "checkout", "level", "error", "env", "prod"), TS,
        "card declined\n", Fields.empty());
    assertThat(event.timestamp()).isEqualTo(TS);
    assertThat(event.level()).isEqualTo(Level.ERROR);
    assertThat(event.message()).isEqualTo("card declined");
    assertThat(event.fields().toMap()).containsEntry("service", "checkout").containsEntry("environment", "prod");
  }

  @Test
  void logfmtLineStaysTheMessage() throws Exception {
    LogEvent event = normalizer.toEvent(fields("app", "api"), TS, "level=warn msg=\"slow\" took=2s", Fields.empty());
    assertThat(event.message()).isEqualTo("level=warn msg=\"slow\" took=2s");
    assertThat(event.service()).isEqualTo("api");
    assertThat(event.level()).isEqualTo(Level.INFO);
  }

  @Test
  void jobLabelNamesTheServiceWhenNothingElseDoes() throws Exception {
    LogEvent event = normalizer.toEvent(fields("job", "varlogs", "filename", "/var/log/syslog"), TS, "hello",
        Fields.empty());
    assertThat(event.service()).isEqualTo("varlogs");
    assertThat(event.fields().toMap()).containsEntry("job", "varlogs").containsEntry("filename", "/var/log/syslog");
    LogEvent named = normalizer.toEvent(fields("job", "varlogs", "service_name", "auth"), TS, "hello", Fields.empty());
    assertThat(named.service()).isEqualTo("auth");
  }

  @Test
  void structuredMetadataIsKeptAndWinsOverALabelOfTheSameName() throws Exception {
    LogEvent event = normalizer.toEvent(fields("service_name", "checkout", "region", "eu"), TS, "paid",
        fields("traceID", "abc123", "region", "eu-west-1", "level", "warn"));
    assertThat(event.fields().toMap()).containsEntry("region", "eu-west-1").containsEntry("trace_id", "abc123");
    assertThat(event.level()).isEqualTo(Level.WARN);
  }

  @Test
  void jsonLineIsDecodedAndLabelsFillWhatItLacks() throws Exception {
    LogEvent event = normalizer.toEvent(fields("service_name", "from-label", "env", "prod", "trace_id", "label-trace"),
        TS, "{\"msg\":\"boom\",\"level\":\"error\",\"service\":\"from-line\",\"trace_id\":\"t1\","
            + "\"context\":{\"amount\":42},\"timestamp\":\"2001-01-01T00:00:00Z\"}", Fields.empty());
    assertThat(event.message()).isEqualTo("boom");
    assertThat(event.level()).isEqualTo(Level.ERROR);
    assertThat(event.timestamp()).isEqualTo(TS);
    assertThat(event.fields().toMap()).containsEntry("service", "from-line").containsEntry("trace_id", "t1")
        .containsEntry("environment", "prod").containsEntry("context.amount", 42L);
  }

  @Test
  void levelLabelWinsOverTheLevelInAJsonLineAsInLokisLevelDetection() throws Exception {
    LogEvent event = normalizer.toEvent(fields("level", "warn"), TS, "{\"level\":\"error\",\"message\":\"x\"}",
        Fields.empty());
    assertThat(event.level()).isEqualTo(Level.WARN);
    LogEvent unlabelled = normalizer.toEvent(fields("app", "a"), TS, "{\"level\":\"error\",\"message\":\"x\"}",
        Fields.empty());
    assertThat(unlabelled.level()).isEqualTo(Level.ERROR);
  }

  @Test
  void lineThatOnlyLooksLikeJsonStaysText() throws Exception {
    LogEvent event = normalizer.toEvent(fields("app", "a"), TS, "{not json at all}", Fields.empty());
    assertThat(event.message()).isEqualTo("{not json at all}");
  }

  @Test
  void lineOverTheEventLimitIsRejectedWithValueAndLimit() {
    EntryNormalizer small = new EntryNormalizer(new EventDecoder(new DecodeLimits(1024, 100, 10, 512),
        AliasTable.defaults()));
    assertThatThrownBy(() -> small.toEvent(Fields.empty(), TS, "x".repeat(2000), Fields.empty()))
        .hasMessage("line is 2000 bytes, more than the limit of 1024 bytes (ingest.max_event_bytes)");
  }

  @Test
  void tooManyFieldsWithLabelsIsRejected() {
    EntryNormalizer small = new EntryNormalizer(new EventDecoder(new DecodeLimits(4096, 10, 10, 512),
        AliasTable.defaults()));
    Fields.Builder labels = Fields.builder(12);
    for (int i = 0; i < 12; i++) {
      labels.put("label" + i, "v");
    }
    assertThatThrownBy(() -> small.toEvent(labels.build(), TS, "x", Fields.empty()))
        .hasMessageContaining("more than the limit of 10 (ingest.max_fields)");
    assertThatThrownBy(() -> small.toEvent(Fields.empty(), TS, jsonWithFields(20), Fields.empty()))
        .hasMessageContaining("ingest.max_fields");
  }

  private static String jsonWithFields(int n) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
    }
    return json.append('}').toString();
  }
}
