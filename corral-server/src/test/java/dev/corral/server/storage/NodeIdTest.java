package dev.corral.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdTest {
  @TempDir Path dataDir;
  @TempDir Path otherDataDir;

  @Test
  void theFirstStartCreatesAnIdThatLaterStartsReadAndAnotherDirectoryGetsAnother() throws IOException {
    NodeId first = NodeId.of(dataDir);

    assertThat(first.value()).matches("[a-z2-7]{16}");
    assertThat(NodeId.of(dataDir)).isEqualTo(first);
    assertThat(NodeId.of(otherDataDir)).isNotEqualTo(first);
  }

  @Test
  void aFileThatHoldsNoIdIsRefusedNamingTheFileAndTheWayOut() throws IOException {
    Files.writeString(dataDir.resolve(NodeId.FILE), "../../etc/passwd\n");

    assertThatThrownBy(() -> NodeId.of(dataDir)).isInstanceOf(IOException.class)
        .hasMessageContaining(dataDir.resolve(NodeId.FILE).toString())
        .hasMessageContaining("delete the file");
  }
}
