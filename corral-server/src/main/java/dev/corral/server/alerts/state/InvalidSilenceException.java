package dev.corral.server.alerts.state;

/**
 * A silence (or maintenance window) that cannot be taken: names the field and what is wrong with it.
 * The HTTP layer answers it with 400 and the field.
 */
public final class InvalidSilenceException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;

  /**
   * @param field the JSON path of the offending field, e.g. {@code matchers[1].value}
   * @param problem what is wrong, naming the value and the limit
   */
  public InvalidSilenceException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The offending field's JSON path. */
  public String field() {
    return field;
  }
}
