package dev.corral.query.extract;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import java.util.Objects;

/**
 * One extraction pipe, compiled: reads a field of each event with an {@link Extractor} and adds
 * what it finds as fields. The rules, shared by both query back ends:
 *
 * <ol>
 *   <li><b>Source.</b> The field named in the pipe ({@code message} by default), resolved like a
 *       filter field name. An event without it, or whose value is not text, is left as it is.
 *   <li><b>Names.</b> Extracted names resolve like filter field names ({@code Level} is {@code
 *       level}). A name the event already has — always {@code timestamp}, {@code level} and
 *       {@code message} — gets the suffix {@code _extracted} (Loki's rule): extraction never
 *       overwrites a stored field. Within one extraction a later value of a name replaces an
 *       earlier one. With {@code as p} every name is {@code p.name} first.
 *   <li><b>Types.</b> JSON values keep their JSON type; text from {@code logfmt}, {@code kv} and
 *       {@code parse} becomes a number when it reads as one ({@link ExtractedValues#typed}).
 *       Unpaired surrogates become U+FFFD.
 *   <li><b>Failures.</b> A text the extractor cannot read (invalid JSON, bad logfmt, a regex over
 *       its step budget, more than {@link ExtractedValues#MAX_VALUES} values) adds nothing but
 *       {@link #ERROR} (the error name, e.g. {@code JSONParserErr}) and {@link #ERROR_DETAILS}
 *       (the reason), as Loki does; the first error of a query stays. A pattern that does not
 *       match is not an error: it adds nothing.
 * </ol>
 *
 * Immutable and thread-safe.
 */
public final class Extraction {
  /** Set on an event whose text the extractor could not read: the error name. */
  public static final String ERROR = "__error__";
  /** Set with {@link #ERROR}: what was wrong, with the place. */
  public static final String ERROR_DETAILS = "__error_details__";
  /** Appended to an extracted name the event already has. */
  public static final String CLASH_SUFFIX = "_extracted";

  private final ExtractFormat format;
  private final String source;
  private final Extractor extractor;
  /** Put before every name, with its dot; empty for none. */
  private final String prefix;

  private Extraction(ExtractFormat format, String source, Extractor extractor, String prefix) {
    this.format = format;
    this.source = FieldNames.canonical(source);
    this.extractor = extractor;
    this.prefix = prefix == null ? "" : prefix + ".";
  }

  /**
   * @param field the field to read
   * @param pattern the {@code parse} pattern (null for the other formats)
   * @param pairSeparator {@code kv} only: between pairs
   * @param valueSeparator {@code kv} only: between key and value
   * @param prefix put before every extracted name with a dot, or null
   * @throws BadPatternException for a {@code parse} pattern that does not compile
   */
  public static Extraction compile(ExtractFormat format, String field, String pattern, String pairSeparator,
      String valueSeparator, String prefix) {
    Objects.requireNonNull(field, "field");
    Extractor extractor = switch (format) {
      case JSON -> new JsonExtractor();
      case LOGFMT -> new LogfmtExtractor();
      case KV -> new KeyValueExtractor(pairSeparator, valueSeparator);
      case PARSE -> RegexPattern.isRegex(Objects.requireNonNull(pattern, "pattern")) ? RegexPattern.compile(pattern)
          : DissectPattern.compile(pattern);
    };
    return new Extraction(format, field, extractor, prefix);
  }

  /** The event with the extracted fields added, or marked with {@link #ERROR}; never null. */
  public LogEvent apply(LogEvent event) {
    if (!(event.get(source) instanceof String text)) {
      return event;
    }
    ExtractedValues values = new ExtractedValues(format.pipeName());
    try {
      extractor.extract(text, values);
    } catch (ExtractionFailure failure) {
      return marked(event, failure);
    }
    if (values.size() == 0) {
      return event;
    }
    Fields.Builder fields = Fields.builder(event.fields().size() + values.size());
    event.fields().forEach(fields::put);
    for (int i = 0; i < values.size(); i++) {
      String name = FieldNames.canonical(prefix + values.name(i));
      fields.put(event.get(name) != null ? name + CLASH_SUFFIX : name, values.value(i));
    }
    return new LogEvent(event.timestamp(), event.level(), event.message(), fields.build());
  }

  private static LogEvent marked(LogEvent event, ExtractionFailure failure) {
    if (event.fields().get(ERROR) != null) {
      return event;
    }
    Fields.Builder fields = Fields.builder(event.fields().size() + 2);
    event.fields().forEach(fields::put);
    fields.put(ERROR, failure.code());
    fields.put(ERROR_DETAILS, failure.getMessage());
    return new LogEvent(event.timestamp(), event.level(), event.message(), fields.build());
  }
}
