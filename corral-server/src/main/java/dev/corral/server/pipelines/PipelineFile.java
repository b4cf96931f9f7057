package dev.corral.server.pipelines;

import dev.corral.pipeline.definition.PipelineDefinition;
import java.util.Objects;

/**
 * One definition file of the pipelines directory as read: its text, and either its definition or
 * why it cannot be read. Immutable.
 *
 * @param name the file's name in the directory ({@code nginx.yaml})
 * @param text the file's text
 * @param definition the definition it holds, or null when it does not read
 * @param error why it does not read (with the line), or null
 */
record PipelineFile(String name, String text, PipelineDefinition definition, String error) {
  /** The suffix of files the API writes: {@code <id>.api.yaml} or {@code <id>.api.json}. */
  static final String API_MARK = ".api.";

  PipelineFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    if ((definition == null) == (error == null)) {
      throw new IllegalArgumentException("BUG: a pipeline file has a definition or an error, not both nor neither");
    }
  }

  /** Whether the file is JSON (Elasticsearch's form, the id its name) rather than Corral's YAML. */
  boolean isJson() {
    return isJson(name);
  }

  static boolean isJson(String name) {
    return name.endsWith(".json");
  }

  /** {@code api} when the pipelines API wrote it, {@code file} when it was put in the directory by hand. */
  String origin() {
    return name.contains(API_MARK) ? "api" : "file";
  }

  /** The same file, refused for {@code reason} (its definition no longer counts). */
  PipelineFile refused(String reason) {
    return new PipelineFile(name, text, null, reason);
  }
}
