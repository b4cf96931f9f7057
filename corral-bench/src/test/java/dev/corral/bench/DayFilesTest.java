package dev.corral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DayFilesTest {
  @Test
  void dayIsTheFirstQuotedIsoDate() {
    byte[] line = "{\"user\":\"x\",\"TimeStampUTC\":\"2026-11-21T19:15:02.1234567Z\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals("2026-11-21", DayFiles.day(line, 0, line.length));
  }

  @Test
  void lineWithoutDateIsUndated() {
    byte[] line = "{\"message\":\"2026\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals("undated", DayFiles.day(line, 0, line.length));
  }
}
