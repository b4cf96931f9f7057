package dev.corral.server.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Filebeat's nginx and apache module pipelines, which Corral answers with built-in equivalents of its
 * own: those pipelines use Painless {@code script} processors beyond the supported subset, so their
 * bodies are not read; a {@code PUT} of one of their ids installs Corral's shipped definition
 * ({@code filebeat/<module>-<fileset>.yaml}) under that id instead, producing the same output fields
 * ({@code source.address}/{@code source.ip}, {@code http.request.method}, {@code url.original},
 * {@code http.response.status_code}, {@code http.response.body.bytes}, {@code user_agent.*}, the event
 * time from the access time, {@code event.*}). Stateless.
 */
final class FilebeatModules {
  /** Filebeat's ids: {@code filebeat-<version>-<module>-<fileset>-pipeline}. */
  private static final Pattern MODULE_ID =
      Pattern.compile("filebeat-[0-9][0-9A-Za-z.+_-]*?-(nginx|apache)-(access|error)-pipeline");

  private FilebeatModules() {}

  /** Corral's equivalent of the pipeline {@code id} in its YAML form (with that id), when it is one of Filebeat's modules'. */
  static Optional<String> equivalent(String id) {
    Matcher matcher = MODULE_ID.matcher(id);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String resource = "filebeat/" + matcher.group(1) + "-" + matcher.group(2) + ".yaml";
    try (InputStream in = FilebeatModules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("BUG: the built-in pipeline " + resource + " is not on the classpath");
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("id: __ID__", "id: " + id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
