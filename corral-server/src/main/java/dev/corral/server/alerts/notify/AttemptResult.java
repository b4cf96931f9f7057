package dev.corral.server.alerts.notify;

/**
 * How one delivery attempt ended.
 *
 * @param delivered whether the receiver took the message
 * @param status the receiver's HTTP status or SMTP reply code, 0 when none came (timeout, connection refused)
 * @param error why it failed, empty when delivered
 * @param retryable whether trying again may help: timeouts, refused connections, 5xx, 429 (not other 4xx)
 */
record AttemptResult(boolean delivered, int status, String error, boolean retryable) {
  static AttemptResult delivered(int status) {
    return new AttemptResult(true, status, "", false);
  }

  static AttemptResult failed(int status, String error, boolean retryable) {
    return new AttemptResult(false, status, error, retryable);
  }

  /** Whether an HTTP status is worth retrying: 5xx and 429 (rate limited) are, the other 4xx are not. */
  static boolean retryableStatus(int status) {
    return status >= 500 || status == 429 || status == 408;
  }
}
