package dev.corral.server.pipelines;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.server.files.TextFileDirectory;
import dev.corral.server.files.UnreadableFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directory of pipeline definitions ({@code pipelines.dir}): every {@code *.yaml}, {@code *.yml}
 * (Corral's form, the id inside) and {@code *.json} (Elasticsearch's form, the id the file's name
 * without {@code .api.json} or {@code .json}) file, read in name order. Files starting with a dot are
 * ignored (the durable writer's temporary files). Not thread-safe: its owner serializes writes.
 */
final class PipelineDirectory {
  /** Largest definition file: a hand-written pipeline is a few KiB, Filebeat's largest ~20 KiB. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private final TextFileDirectory files;

  PipelineDirectory(Path directory) {
    this.files = new TextFileDirectory(directory, List.of(".yaml", ".yml", ".json"), MAX_FILE_BYTES);
  }

  Path path() {
    return files.path();
  }

  /** What identifies the directory's content cheaply: each definition file's name, size and modification time. */
  Map<String, String> fingerprint() throws IOException {
    return files.fingerprint();
  }

  /** Reads every definition file; one that does not read comes back with its error (and line). */
  List<PipelineFile> read() throws IOException {
    List<PipelineFile> read = new ArrayList<>();
    for (String name : files.names()) {
      try {
        read.add(parse(name, files.read(name)));
      } catch (NoSuchFileException e) {
        // deleted since the listing
      } catch (UnreadableFileException e) {
        read.add(new PipelineFile(name, "", null, "pipeline definition " + name + " " + e.getMessage()));
      }
    }
    return read;
  }

  /** One file's bytes read as a definition (strict UTF-8); the error (with its line) when it does not read. */
  static PipelineFile parse(String name, byte[] bytes) {
    try {
      return parse(name, TextFileDirectory.decode(bytes));
    } catch (UnreadableFileException e) {
      return new PipelineFile(name, "", null, "pipeline definition " + name + " " + e.getMessage());
    }
  }

  /** One file's text read as a definition; the error (with its line) when it does not read. */
  static PipelineFile parse(String name, String text) {
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
    files.write(name, text);
  }

  /** Deletes the file {@code name}; false when it was not there. */
  boolean delete(String name) throws IOException {
    return files.delete(name);
  }
}
