package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cursor file's on-disk format, held to a golden file from the first version. */
class CursorFileTest {
  @TempDir Path dir;

  @Test
  void readsTheGoldenFileOfFormatVersionOneAndWritesTheSameBytes() throws Exception {
    byte[] golden;
    try (InputStream in = CursorFileTest.class.getResourceAsStream("/golden/cursor-v1.cursor")) {
      golden = in.readAllBytes();
    }
    Files.createDirectories(dir.resolve("consumers"));
    Files.write(dir.resolve("consumers/backup.cursor"), golden);
    CursorFile file = new CursorFile(dir, "backup");
    assertThat(file.read()).isEqualTo(4096);

    file.write(4096);
    assertThat(Files.readAllBytes(file.path())).isEqualTo(golden);
    assertThat(CursorFile.list(dir)).extracting(CursorFile::consumer).containsExactly("backup");
    try (var files = Files.list(dir.resolve("consumers"))) {
      assertThat(files.map(f -> f.getFileName().toString())).as("no temp file left").containsExactly("backup.cursor");
    }
  }

  @Test
  void aBadFileNamesItselfAndWhatItHolds() throws Exception {
    Files.createDirectories(dir.resolve("consumers"));
    Files.writeString(dir.resolve("consumers/backup.cursor"), "position=12\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new CursorFile(dir, "backup").read()).isInstanceOf(BadCursorException.class)
        .hasMessageContaining("backup.cursor").hasMessageContaining("found 'position=12 '");
  }
}
