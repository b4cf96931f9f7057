package dev.corral.ship.decode;

import dev.corral.ship.RecordSink;
import dev.corral.ship.Source;
import dev.corral.ship.lines.MultilineRule;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an input turns the lines of each of its sources into records: the input's decoding options, from which each
 * source gets its own stateful {@link RecordAssembler}. Immutable.
 *
 * @param format     how lines are decoded
 * @param fields     the input's static fields
 * @param pipeline   the server pipeline its records run, or null
 * @param multiline  how lines are joined, or null for one record per line
 * @param containers whether lines are container runtime logs (CRI or Docker json-file) and file names kubelet's
 * @param maxBytes   the longest message kept whole when container pieces are joined
 */
public record RecordAssembly(Format format, StaticFields fields, String pipeline, MultilineRule multiline,
    boolean containers, int maxBytes) {
  public RecordAssembly {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(fields, "fields");
  }

  /**
   * A new source's assembler.
   *
   * @param file the file the source reads (its path is added as {@code log.file.path}), or null
   */
  public RecordAssembler open(Source source, Path file, RecordSink sink) {
    StaticFields sourceFields = file == null ? fields : fields.with("log.file.path", file.toString());
    if (file != null && containers) {
      sourceFields = ContainerFileName.of(file).map(name -> name.addTo(fields)).orElse(sourceFields)
          .with("log.file.path", file.toString());
    }
    return new RecordAssembler(this, sourceFields, source, sink);
  }
}
