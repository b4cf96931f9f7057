package dev.corral.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A directory of hand-editable definition files (pipelines, alert rules, recording rules): the regular files
 * directly in it whose names end in one of its suffixes, in name order. Files starting with a dot are not
 * definitions (editors' and {@link DurableFile}'s temporary files). Reads are bounded in size and strict UTF-8;
 * writes are durable. A file may vanish between the listing and the read: {@link #read} then throws
 * {@link NoSuchFileException}, which callers skip. Not thread-safe: its owner serializes writes.
 */
public final class TextFileDirectory {
  private final Path directory;
  private final List<String> suffixes;
  private final int maxFileBytes;

  /**
   * @param suffixes the endings of a definition's name, e.g. {@code .yaml}
   * @param maxFileBytes the largest file {@link #read} reads
   */
  public TextFileDirectory(Path directory, List<String> suffixes, int maxFileBytes) {
    this.directory = directory;
    this.suffixes = List.copyOf(suffixes);
    this.maxFileBytes = maxFileBytes;
  }

  public Path path() {
    return directory;
  }

  /** The definition files' names, in name order; none when the directory does not exist. */
  public List<String> names() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
          .filter(name -> !name.startsWith(".") && suffixes.stream().anyMatch(name::endsWith)).sorted().toList();
    }
  }

  /** What identifies the directory's content cheaply: each definition file's name, size and modification time. */
  public Map<String, String> fingerprint() throws IOException {
    Map<String, String> fingerprint = new TreeMap<>();
    for (String name : names()) {
      Path file = directory.resolve(name);
      try {
        fingerprint.put(name, Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
      } catch (NoSuchFileException e) {
        // deleted between the listing and the stat: the next check sees it gone
      }
    }
    return fingerprint;
  }

  /**
   * The text of the file {@code name}.
   *
   * @throws UnreadableFileException when it is over the size limit or not UTF-8
   * @throws NoSuchFileException when it is gone
   */
  public String read(String name) throws IOException, UnreadableFileException {
    Path file = directory.resolve(name);
    long size = Files.size(file);
    if (size > maxFileBytes) {
      throw new UnreadableFileException("is " + size + " bytes, over the limit of " + maxFileBytes);
    }
    return decode(Files.readAllBytes(file));
  }

  /** {@code bytes} as strict UTF-8 text; a definition sent over the API is checked the same way. */
  public static String decode(byte[] bytes) throws UnreadableFileException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableFileException("is not UTF-8 text");
    }
  }

  /** Writes {@code text} as the file {@code name}, durably (the directory created if need be). */
  public void write(String name, String text) throws IOException {
    Files.createDirectories(directory);
    DurableFile.replace(directory.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes the file {@code name}; false when it was not there. */
  public boolean delete(String name) throws IOException {
    return Files.deleteIfExists(directory.resolve(name));
  }
}
