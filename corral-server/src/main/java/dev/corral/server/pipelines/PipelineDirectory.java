package dev.corral.server.pipelines;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The directory of pipeline definitions ({@code pipelines.dir}): every {@code *.yaml}, {@code *.yml}
 * (Corral's form, the id inside) and {@code *.json} (Elasticsearch's form, the id the file's name
 * without {@code .api.json} or {@code .json}) file, read in name order. Files starting with a dot are
 * ignored (the durable writer's temporary files). Not thread-safe: its owner serializes writes.
 */
final class PipelineDirectory {
  /** Largest definition file: a hand-written pipeline is a few KiB, Filebeat's largest ~20 KiB. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private final Path directory;

  PipelineDirectory(Path directory) {
    this.directory = directory;
  }

  Path path() {
    return directory;
  }

  /** What identifies the directory's content cheaply: each definition file's name, size and modification time. */
  Map<String, String> fingerprint() throws IOException {
    Map<String, String> fingerprint = new TreeMap<>();
    for (Path file : files()) {
      try {
        fingerprint.put(file.getFileName().toString(), Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
      } catch (NoSuchFileException e) {
        // deleted between the listing and the stat: the next check sees it gone
      }
    }
    return fingerprint;
  }

  /** Reads every definition file; one that does not read comes back with its error (and line). */
  List<PipelineFile> read() throws IOException {
    List<PipelineFile> read = new ArrayList<>();
    for (Path file : files()) {
      String name = file.getFileName().toString();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (bytes.length > MAX_FILE_BYTES) {
        read.add(new PipelineFile(name, "", null, "pipeline definition " + name + " is " + bytes.length
            + " bytes, over the limit of " + MAX_FILE_BYTES));
        continue;
      }
      read.add(parse(name, bytes));
    }
    return read;
  }

  /** One file's text read as a definition; the error (with its line) when it does not read. */
  static PipelineFile parse(String name, byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new PipelineFile(name, "", null, "pipeline definition " + name + " is not UTF-8 text");
    }
    try {
      PipelineDefinition definition = PipelineFile.isJson(name)
          ? DefinitionReader.readJson(idOfJson(name), text) : DefinitionReader.readYaml(text, name);
      return new PipelineFile(name, text, definition, null);
    } catch (DefinitionException e) {
      return new PipelineFile(name, text, null, e.getMessage());
    }
  }

  /** The id an Elasticsearch-form file's name gives: {@code nginx.api.json} and {@code nginx.json} are {@code nginx}. */
  static String idOfJson(String name) {
    String id = name.substring(0, name.length() - ".json".length());
    return id.endsWith(".api") ? id.substring(0, id.length() - ".api".length()) : id;
  }

  /** The name the API writes a definition of {@code id} under. */
  static String apiFileName(String id, boolean json) {
    return id + PipelineFile.API_MARK + (json ? "json" : "yaml");
  }

  /** Writes {@code text} as the file {@code name}, durably (created with the directory if need be). */
  void write(String name, String text) throws IOException {
    Files.createDirectories(directory);
    DurableFile.replace(directory.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes the file {@code name}; false when it was not there. */
  boolean delete(String name) throws IOException {
    return Files.deleteIfExists(directory.resolve(name));
  }

  private List<Path> files() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(PipelineDirectory::isDefinition).sorted().toList();
    }
  }

  private static boolean isDefinition(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && Files.isRegularFile(file)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }
}
