package dev.corral.server.alerts.rules;

import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

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

  private final Path directory;

  RuleDirectory(Path directory) {
    this.directory = directory;
  }

  Path path() {
    return directory;
  }

  /** What identifies the directory's content cheaply: each rule file's and channels.yaml's name, size and mtime. */
  Map<String, String> fingerprint() throws IOException {
    Map<String, String> fingerprint = new TreeMap<>();
    for (Path file : yamlFiles()) {
      try {
        fingerprint.put(file.getFileName().toString(), Files.size(file) + "@"
            + Files.getLastModifiedTime(file).toMillis());
      } catch (NoSuchFileException e) {
        // deleted between the listing and the stat: the next check sees it gone
      }
    }
    return fingerprint;
  }

  /** The rule files' names and texts, in name order; a file over the size limit comes back as an error. */
  List<Read> read() throws IOException {
    List<Read> read = new java.util.ArrayList<>();
    for (Path file : yamlFiles()) {
      String name = file.getFileName().toString();
      if (name.equals(CHANNELS)) {
        continue;
      }
      try {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
          read.add(new Read(name, "", "rule file " + name + " is " + size + " bytes, over the limit of " + MAX_FILE_BYTES));
          continue;
        }
        read.add(new Read(name, Files.readString(file, StandardCharsets.UTF_8), null));
      } catch (NoSuchFileException e) {
        // deleted since the listing
      } catch (java.nio.charset.MalformedInputException e) {
        read.add(new Read(name, "", "rule file " + name + " is not UTF-8 text"));
      }
    }
    return read;
  }

  /** One file's text, or why it could not be read. */
  record Read(String name, String text, String error) {}

  /** The text of channels.yaml, empty when there is none. */
  Optional<String> channels() throws IOException {
    try {
      return Optional.of(Files.readString(directory.resolve(CHANNELS), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Writes the rule {@code name}'s file durably (the directory created if need be). */
  void write(String name, String text) throws IOException {
    Files.createDirectories(directory);
    DurableFile.replace(directory.resolve(name + SUFFIX), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes the file {@code fileName}; false when it was not there. */
  boolean delete(String fileName) throws IOException {
    return Files.deleteIfExists(directory.resolve(fileName));
  }

  private List<Path> yamlFiles() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(file -> {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && name.endsWith(SUFFIX) && Files.isRegularFile(file);
      }).sorted().toList();
    }
  }
}
