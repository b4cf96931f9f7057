package dev.corral.server.recording;

/**
 * A recording rule that cannot be used: its file, the field at fault and why (a query's syntax error
 * carries its caret line). Typed, so the HTTP side may answer 400 with the field and the file.
 */
public final class InvalidRecordingRuleException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String field;
  private final String problem;

  public InvalidRecordingRuleException(String file, String field, String problem) {
    super("recording rule " + file + (field.isEmpty() ? "" : ", field '" + field + "'") + ": " + problem);
    this.file = file;
    this.field = field;
    this.problem = problem;
  }

  /** The rule file's name, e.g. {@code errors.yaml}. */
  public String file() {
    return file;
  }

  /** The field at fault, empty when the file as a whole is. */
  public String field() {
    return field;
  }

  /** What is wrong, without the file and field. */
  public String problem() {
    return problem;
  }
}
