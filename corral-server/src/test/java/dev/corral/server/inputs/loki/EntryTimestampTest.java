package dev.corral.server.inputs.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntryTimestampTest {
  @Test
  void readsNanosecondsSinceTheEpochFromDigits() throws Exception {
    assertThat(EntryTimestamp.parse("1732208400123456789")).isEqualTo(1_732_208_400_123_456_789L);
    assertThat(EntryTimestamp.parse("0")).isZero();
    assertThat(EntryTimestamp.parse("0001")).isEqualTo(1);
    assertThat(EntryTimestamp.parse(Long.toString(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void rejectsTextThatIsNotANumber() {
    assertThatThrownBy(() -> EntryTimestamp.parse("2026-11-21T17:00:00Z"))
        .hasMessageContaining("timestamp \"2026-11-21T17:00:00Z\" is not a number");
    assertThatThrownBy(() -> EntryTimestamp.parse("")).hasMessageContaining("timestamp is empty");
    assertThatThrownBy(() -> EntryTimestamp.parse("1.5e18")).hasMessageContaining("is not a number");
  }

  @Test
  void rejectsInstantsOutsideTheNanosecondRange() {
    assertThatThrownBy(() -> EntryTimestamp.parse("9223372036854775808")).hasMessageContaining("is out of range");
    assertThatThrownBy(() -> EntryTimestamp.parse("123456789012345678901234567890")).hasMessageContaining("is out of range");
    assertThatThrownBy(() -> EntryTimestamp.parse("-5")).hasMessageContaining("timestamp \"-5\" is out of range");
    assertThatThrownBy(() -> EntryTimestamp.of(-1)).hasMessageContaining("is out of range");
  }

  @Test
  void readsProtobufSecondsAndNanos() throws Exception {
    assertThat(EntryTimestamp.of(1_732_208_400L, 5)).isEqualTo(1_732_208_400_000_000_005L);
    assertThatThrownBy(() -> EntryTimestamp.of(1, 1_000_000_000)).hasMessageContaining("outside 0…999999999");
    assertThatThrownBy(() -> EntryTimestamp.of(-62_135_596_800L, 0)).hasMessageContaining("is out of range");
    assertThatThrownBy(() -> EntryTimestamp.of(Long.MAX_VALUE / 1_000_000_000L + 1, 0)).hasMessageContaining("out of range");
  }
}
