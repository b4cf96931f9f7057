package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizerTest {
  private static final long RECEIVED = Timestamps.parseIso("2026-01-01T00:00:00Z");
  private final Normalizer normalizer = Normalizer.defaults();

  private LogEvent normalize(Object... namesAndValues) {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      raw.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return normalizer.normalize(Fields.of(raw), RECEIVED);
  }

  @Test
  void missingTimestampLevelAndMessageGetReceiveTimeInfoAndEmptyText() {
    LogEvent event = normalize("service", "api");
    assertThat(event.timestamp()).isEqualTo(RECEIVED);
    assertThat(event.level()).isEqualTo(Level.INFO);
    assertThat(event.message()).isEmpty();
    assertThat(event.fields().toMap()).containsExactly(Map.entry("service", "api"));
  }

  @Test
  void unparseableTimestampGetsReceiveTimeAndKeepsTheOriginal() {
    LogEvent event = normalize("time", "last tuesday", "msg", "hi");
    assertThat(event.timestamp()).isEqualTo(RECEIVED);
    assertThat(event.fields().get(FieldNames.TIMESTAMP_ORIGINAL)).isEqualTo("last tuesday");
  }

  @Test
  void unknownLevelBecomesInfoAndKeepsTheOriginal() {
    LogEvent event = normalize("severity", "LOUD");
    assertThat(event.level()).isEqualTo(Level.INFO);
    assertThat(event.fields().get(FieldNames.LEVEL_ORIGINAL)).isEqualTo("LOUD");
    assertThat(normalize("level", 99L).fields().get(FieldNames.LEVEL_ORIGINAL)).isEqualTo(99L);
  }

  @Test
  void otlpSeverityNumberGivesTheLevelWhenNoLevelFieldIsPresent() {
    assertThat(normalize("severity_number", 5L).level()).isEqualTo(Level.DEBUG);
    assertThat(normalize("severityNumber", 17L).level()).isEqualTo(Level.ERROR);
    assertThat(normalize("severity_number", 17L, "severity_text", "WARN").level()).isEqualTo(Level.WARN);
  }

  @Test
  void canonicalNameWinsOverAliasesAndTheLoserKeepsItsName() {
    LogEvent event = normalize("msg", "from msg", "message", "from message", "log", "from log");
    assertThat(event.message()).isEqualTo("from message");
    assertThat(event.fields().toMap()).containsExactly(Map.entry("msg", "from msg"), Map.entry("log", "from log"));
  }

  @Test
  void firstAliasWinsWhenTheCanonicalNameIsAbsent() {
    LogEvent event = normalize("ts", 1_795_280_400L, "@timestamp", "2000-01-01T00:00:00Z");
    assertThat(Timestamps.format(event.timestamp())).isEqualTo("2026-11-21T17:00:00Z");
    assertThat(event.fields().get("@timestamp")).isEqualTo("2000-01-01T00:00:00Z");
  }

  @Test
  void exactCaseCanonicalNameWinsOverOtherCases() {
    LogEvent event = normalize("Level", "debug", "level", "error");
    assertThat(event.level()).isEqualTo(Level.ERROR);
    assertThat(event.fields().get("Level")).isEqualTo("debug");
  }

  @Test
  void aliasesMatchIgnoringCase() {
    LogEvent event = normalize("SERVICE_NAME", "api", "LevelName", "warning", "MSG", "hi");
    assertThat(event.service()).isEqualTo("api");
    assertThat(event.level()).isEqualTo(Level.WARN);
    assertThat(event.message()).isEqualTo("hi");
  }

  @Test
  void subtreeAliasRenamesChildren() {
    LogEvent event = normalize("Additional.user", "u1", "Additional.cart.items", 3L);
    assertThat(event.fields().toMap()).containsExactly(Map.entry("context.user", "u1"), Map.entry("context.cart.items", 3L));
  }

  @Test
  void nonStringMessageBecomesItsText() {
    assertThat(normalize("message", 42L).message()).isEqualTo("42");
    assertThat(normalize("msg", true).message()).isEqualTo("true");
  }

  @Test
  void longMessageIsCutAtACharacterBoundaryAndFlagged() {
    Normalizer small = new Normalizer(AliasTable.defaults(), 10);
    LogEvent event = small.normalize(Fields.of(Map.of("message", "aaaaaaaa€€")), RECEIVED); // 8 + 3 + 3 bytes
    assertThat(event.message()).isEqualTo("aaaaaaaa");
    assertThat(event.fields().get(FieldNames.TRUNCATED)).isEqualTo(true);
    LogEvent fits = small.normalize(Fields.of(Map.of("message", "aaaaaaa€")), RECEIVED); // exactly 10 bytes
    assertThat(fits.message()).isEqualTo("aaaaaaa€");
    assertThat(fits.fields().get(FieldNames.TRUNCATED)).isNull();
  }

  @Test
  void defaultMessageLimitIsOneHundredKibibytes() {
    LogEvent event = normalize("message", "x".repeat(200 * 1024));
    assertThat(event.message()).hasSize(100 * 1024);
    assertThat(event.fields().get(FieldNames.TRUNCATED)).isEqualTo(true);
  }

  @Test
  void exceptionTypeAndMessageAreDerivedFromAPythonTraceback() {
    LogEvent event = normalize("exc_info", "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nKeyError: 'sku'\n");
    assertThat(event.fields().get(FieldNames.EXCEPTION_TYPE)).isEqualTo("KeyError");
    assertThat(event.fields().get(FieldNames.EXCEPTION_MESSAGE)).isEqualTo("'sku'");
  }

  @Test
  void derivationNeverOverridesGivenExceptionFields() {
    LogEvent event = normalize("error.type", "Given", "stack_trace", "java.lang.IllegalStateException: boom\n\tat A.b(A.java:1)");
    assertThat(event.fields().get(FieldNames.EXCEPTION_TYPE)).isEqualTo("Given");
    assertThat(event.fields().get(FieldNames.EXCEPTION_MESSAGE)).isEqualTo("boom");
  }

  @Test
  void fieldTypeMayChangeBetweenEvents() {
    LogEvent first = normalize("context.amount", 12L, "status_code", 200L);
    LogEvent second = normalize("context.amount", "twelve", "status_code", "OK");
    LogEvent third = normalize("context.amount", 12.5, "status_code", false);
    assertThat(first.get("context.amount")).isEqualTo(12L);
    assertThat(second.get("context.amount")).isEqualTo("twelve");
    assertThat(third.get("context.amount")).isEqualTo(12.5);
    assertThat(third.get("http.status_code")).isEqualTo(false);
  }

  @Test
  void reservedNamesNeverStayInFields() {
    LogEvent event = normalize("MESSAGE", "upper", "message", "lower", "TIMESTAMP", "x", "timestamp", 0L);
    assertThat(event.message()).isEqualTo("lower");
    assertThat(event.fields().toMap()).doesNotContainKeys("message", "timestamp", "level");
  }
}
