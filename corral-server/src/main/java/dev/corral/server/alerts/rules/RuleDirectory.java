package dev.corral.server.alerts.rules;

import dev.corral.server.files.TextFileDirectory;
import dev.corral.server.files.UnreadableFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts directory ({@code alerts.dir}) as the rules see it: every top-level {@code *.yaml} file
 * but {@link #CHANNELS} is one rule, read in name order; {@code channels.yaml} is read for its channel
 * names only. Subdirectories and files starting with a dot (the durable writer's temporary files)
 * are not rules. Not thread-safe: its owner serializes writes.
 */
final class RuleDirectory {
  /** The suffix of a rule file. */
  static final String SUFFIX = ".yaml";
  /** The channels' file, owned by {@code alerts.notify}; the rules read its names. */
  static final String CHANNELS = "channels.yaml";
  /** Largest rule file: a rule is a few hundred bytes; a megabyte is a mistake. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  /** Largest channels.yaml the rules read for its names: the channels' own reader bounds it too. */
  static final int MAX_CHANNELS_BYTES = 1024 * 1024;

  private final TextFileDirectory files;
  private final TextFileDirectory channelsFile;

  RuleDirectory(Path directory) {
    this.files = new TextFileDirectory(directory, List.of(SUFFIX), MAX_FILE_BYTES);
    this.channelsFile = new TextFileDirectory(directory, List.of(CHANNELS), MAX_CHANNELS_BYTES);
  }

  Path path() {
    return files.path();
  }

  /** What identifies the directory's content cheaply: each rule file's and channels.yaml's name, size and mtime. */
  Map<String, String> fingerprint() throws IOException {
    return files.fingerprint();
  }

  /** The rule files' names and texts, in name order; a file over the size limit comes back as an error. */
  List<Read> read() throws IOException {
    List<Read> read = new ArrayList<>();
    for (String name : files.names()) {
      if (name.equals(CHANNELS)) {
        continue;
      }
      try {
        read.add(new Read(name, files.read(name), null));
      } catch (NoSuchFileException e) {
        // deleted since the listing
      } catch (UnreadableFileException e) {
        read.add(new Read(name, "", "rule file " + name + " " + e.getMessage()));
      }
    }
    return read;
  }

  /** One file's text, or why it could not be read. */
  record Read(String name, String text, String error) {}

  /** The text of channels.yaml, empty when there is none. */
  Optional<String> channels() throws IOException {
    try {
      return Optional.of(channelsFile.read(CHANNELS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (UnreadableFileException e) {
      throw new IOException(CHANNELS + " in " + files.path() + " " + e.getMessage());
    }
  }

  /** Writes the rule {@code name}'s file durably (the directory created if need be). */
  void write(String name, String text) throws IOException {
    files.write(name + SUFFIX, text);
  }

  /** Deletes the file {@code fileName}; false when it was not there. */
  boolean delete(String fileName) throws IOException {
    return files.delete(fileName);
  }
}
