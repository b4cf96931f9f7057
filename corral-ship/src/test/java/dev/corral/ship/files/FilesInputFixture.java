package dev.corral.ship.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.ship.inputs.InputConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.io.TempDir;

/** A temporary log directory and registry, and files inputs on {@code logs/*.log} with quick scans. */
abstract class FilesInputFixture {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir
  Path dir;

  Path logs() throws IOException {
    return Files.createDirectories(dir.resolve("logs"));
  }

  Path registryDir() {
    return dir.resolve("registry");
  }

  /** A files input on {@code logs/*.log} with quick scans; {@code extra} adds options (YAML flow map entries). */
  FilesInput input(String extra) throws Exception {
    return input(extra, FileOpener.DEFAULT);
  }

  FilesInput input(String extra, FileOpener opener) throws Exception {
    return new FilesInput(settings(extra), registryDir(), opener);
  }

  FilesSettings settings(String extra) throws Exception {
    String yaml = "{paths: ['" + logs() + "/*.log'], service: checkout"
        + (extra.contains("scan_every") ? "" : ", scan_every: 20ms")
        + (extra.contains("close_inactive") ? "" : ", close_inactive: 300ms")
        + (extra.isEmpty() ? "" : ", " + extra) + "}";
    return InputConfig.from(YAML.readTree(yaml), 0).filesSettings();
  }

  static void append(Path file, String... lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  static String[] numbered(String prefix, int from, int to) {
    String[] lines = new String[to - from];
    for (int i = from; i < to; i++) {
      lines[i - from] = prefix + " " + i;
    }
    return lines;
  }

}
