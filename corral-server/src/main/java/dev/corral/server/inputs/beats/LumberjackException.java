package dev.corral.server.inputs.beats;

import java.io.IOException;

/**
 * A frame that breaks the Lumberjack protocol or a {@link BeatsLimits} limit: the connection cannot go on (the frame
 * boundaries are lost), so it is closed without acknowledging the window it was in. The message names the value, the
 * limit and where in the connection it came.
 */
final class LumberjackException extends IOException {
  private static final long serialVersionUID = 1L;

  LumberjackException(String reason) {
    super(reason);
  }

  LumberjackException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
