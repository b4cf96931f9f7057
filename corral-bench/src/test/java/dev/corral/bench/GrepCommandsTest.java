package dev.corral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GrepCommandsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T19:15:02.5Z");

  @Test
  void traceLookupIsAFixedStringSearch() {
    assertEquals("rg --no-filename --no-line-number -F 'abc' *.ndjson",
        new GrepCommands("rg", true).command("trace_id:\"abc\"", null, NOW));
  }

  @Test
  void cutoffIsAnIsoSecondInUtc() {
    assertEquals("2026-11-21T19:00:02", GrepCommands.cutoff("now-15m", NOW));
    assertEquals("2026-11-21T18:15:02", GrepCommands.cutoff("now-1h", NOW));
  }

  @Test
  void aggregationsNeedJq() {
    assertNull(new GrepCommands("grep", false).command("* | stats count() by service, level", null, NOW));
  }
}
