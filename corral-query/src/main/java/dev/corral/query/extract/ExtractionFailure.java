package dev.corral.query.extract;

/**
 * An event's text that an extractor could not read. Not a query error: {@link Extraction} marks
 * the event with {@link Extraction#ERROR} = {@link #code} and {@link Extraction#ERROR_DETAILS} =
 * the message, as Loki marks parser errors with {@code __error__}.
 */
public final class ExtractionFailure extends RuntimeException {
  private final String code;

  /** @param code Loki's error name ({@code JSONParserErr}, {@code LogfmtParserErr}, …) */
  public ExtractionFailure(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
