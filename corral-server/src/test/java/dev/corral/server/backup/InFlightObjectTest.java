package dev.corral.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-flight note's on-disk format (a golden line of version 1), its round trip, and a damaged file read as none. */
class InFlightObjectTest {
  /** Version 1 as written by this release: kept so a later release still reads what an older one left. */
  private static final String GOLDEN_V1 = "corral.backup.in-flight.v1=18196 191508 2026/12/05/19\n";

  @TempDir Path dir;

  @Test
  void writesAndReadsTheGoldenLine() throws Exception {
    InFlightObject object = new InFlightObject(18196, 191508, "2026/12/05/19");
    InFlightObject.write(dir, object);
    assertThat(Files.readString(dir.resolve("in-flight"), StandardCharsets.UTF_8)).isEqualTo(GOLDEN_V1);
    assertThat(InFlightObject.read(dir)).contains(object);
  }

  @Test
  void noFileOrADamagedOneIsNone() throws Exception {
    assertThat(InFlightObject.read(dir)).isEmpty();
    Files.writeString(dir.resolve("in-flight"), "corral.backup.in-flight.v1=18196 x 2026/12/05/19\n");
    assertThat(InFlightObject.read(dir)).isEmpty();
    Files.writeString(dir.resolve("in-flight"), "18196 191508 2026/12/05/19\n");
    assertThat(InFlightObject.read(dir)).isEmpty();
    Files.writeString(dir.resolve("in-flight"), "corral.backup.in-flight.v1=191508 18196 2026/12/05/19\n");
    assertThat(InFlightObject.read(dir)).as("ends before it starts").isEmpty();
  }
}
