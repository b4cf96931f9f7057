package dev.corral.opensearch.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How starting an OpenSearch node fails: a clear error naming the file to look at. */
class OpenSearchProcessTest {
  @TempDir
  Path tmp;

  @Test
  void aBusyPortStopsTheNodeAndTheErrorNamesItsLog() throws Exception {
    Path log = tmp.resolve("opensearch.log");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> OpenSearchProcess.start(OpenSearchTestNode.launcher(), port, tmp.resolve("home"), log))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("exited with 1 before it was ready")
          .hasMessageContaining(log.toString());
    }
    assertThat(Files.readString(log)).contains("opensearch-node: cannot start a node on 127.0.0.1:");
  }

  @Test
  void aLauncherThatWasNotBuiltIsNamedWithHowToBuildIt() {
    assertThatThrownBy(() -> OpenSearchLauncher.locate(tmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("OpenSearch launcher not built")
        .hasMessageContaining(tmp.resolve("classes").toString())
        .hasMessageContaining("./mvnw -pl corral-bench-opensearch package");
  }

  @Test
  void aClasspathEntryThatVanishedIsNamed() throws IOException {
    Path main = tmp.resolve("classes").resolve(OpenSearchLauncher.MAIN_CLASS.replace('.', '/') + ".class");
    Files.createDirectories(main.getParent());
    Files.write(main, new byte[] {1});
    Path missing = tmp.resolve("gone").resolve("opensearch-3.8.0.jar");
    Files.writeString(tmp.resolve(OpenSearchLauncher.CLASSPATH_FILE), missing + "\n");

    assertThatThrownBy(() -> OpenSearchLauncher.locate(tmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }
}
