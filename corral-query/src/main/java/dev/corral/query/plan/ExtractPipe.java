package dev.corral.query.plan;

import dev.corral.query.extract.ExtractFormat;
import dev.corral.query.extract.Extraction;
import java.util.Objects;

/**
 * {@code | json [field]}, {@code | logfmt [field]}, {@code | kv [field] [pair_sep=S] [kv_sep=S]}
 * and {@code | parse "<pattern>" [field]}, each with an optional {@code as prefix}: read a field
 * of every event (default {@code message}) and add what it holds as fields, for the pipes after
 * it. The rules are {@link Extraction}'s.
 *
 * @param pattern the {@code parse} pattern, null for the other formats
 * @param pairSeparator {@code kv}: between pairs (default a space); null for the other formats
 * @param valueSeparator {@code kv}: between key and value (default {@code =}); null for the others
 * @param prefix put before every extracted name with a dot ({@code as http}: {@code http.status}),
 *     or null
 */
public record ExtractPipe(ExtractFormat format, String field, String pattern, String pairSeparator,
    String valueSeparator, String prefix) implements Pipe {
  /** The field read when the pipe names none. */
  public static final String DEFAULT_FIELD = "message";
  /** {@code kv}'s default separators, as the ingest pipeline's kv processor. */
  public static final String DEFAULT_PAIR_SEPARATOR = " ";
  public static final String DEFAULT_VALUE_SEPARATOR = "=";

  public ExtractPipe {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(field, "field");
    if ((format == ExtractFormat.PARSE) != (pattern != null)) {
      throw new IllegalArgumentException("a pattern goes with parse and only with parse: " + format);
    }
  }

  /** This pipe with extracted names put under {@code prefix}. */
  public ExtractPipe withPrefix(String prefix) {
    return new ExtractPipe(format, field, pattern, pairSeparator, valueSeparator, prefix);
  }

  /** {@code json} or {@code logfmt} of a field. */
  public static ExtractPipe of(ExtractFormat format, String field) {
    return new ExtractPipe(format, field, null, null, null, null);
  }

  /** The compiled extraction; compiles the pattern each call. */
  public Extraction compile() {
    return Extraction.compile(format, field, pattern, pairSeparator, valueSeparator, prefix);
  }
}
