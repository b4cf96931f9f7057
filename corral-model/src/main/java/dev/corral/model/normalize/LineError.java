package dev.corral.model.normalize;

/**
 * Why one event of a request body was not accepted.
 *
 * @param line 1-based line of an NDJSON body, or 1-based element number of a JSON array body
 * @param reason what was wrong, with value, limit and place ({@link InvalidEventException#reason()})
 */
public record LineError(int line, String reason) {
  public LineError {
    if (line < 1) {
      throw new IllegalArgumentException("line is " + line + ", must be at least 1");
    }
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("reason of line " + line + " must not be empty");
    }
  }

  @Override
  public String toString() {
    return "line " + line + ": " + reason;
  }
}
