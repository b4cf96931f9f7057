package dev.corral.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir
  Path tmp;

  @Test
  void aMissingDirectoryIsCreatedAndLocked() throws Exception {
    Path data = tmp.resolve("var/lib/corral");
    try (DataDirectory directory = new DataDirectory(data)) {
      directory.start();
      assertThat(data).isDirectory();
      assertThat(data.resolve("corral.lock")).exists();
    }
  }

  /** A file where the directory should be stands for any refusal (root, who runs the tests, may write anywhere). */
  @Test
  void aDirectoryThatCannotBeCreatedIsAConfigurationErrorThatSaysWhatToDo() throws Exception {
    Path file = Files.writeString(tmp.resolve("lib"), "not a directory");
    Path data = file.resolve("corral");
    try (DataDirectory directory = new DataDirectory(data)) {
      assertThatThrownBy(directory::start).isInstanceOf(ConfigException.class)
          .hasMessageContaining("data.dir " + data.toAbsolutePath())
          .hasMessageContaining("user " + System.getProperty("user.name"))
          .hasMessageContaining("install -d -o corral -g corral");
    }
  }
}
