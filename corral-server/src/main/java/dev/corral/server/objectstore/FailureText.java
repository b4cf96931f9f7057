package dev.corral.server.objectstore;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The one-line reason an object store call failed, as operators read it in stats, on the Status page
 * and in the log: S3's error code, the HTTP status and S3's message for a refusal (with a hint on
 * credentials for a 403), the client's message otherwise. Never a stack trace, never a line break.
 */
public final class FailureText {
  private FailureText() {}

  /**
   * {@code what + ": " + reason}, e.g. {@code cannot upload s3://b/k: NoSuchBucket, HTTP 404 (The
   * specified bucket does not exist)}.
   *
   * @param forbiddenHint appended to a 403: which settings hold the credentials
   */
  public static String of(String what, SdkException failure, String forbiddenHint) {
    if (failure instanceof S3Exception refused) {
      String code = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorCode();
      String message = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorMessage();
      return what + ": " + (code == null ? "" : code + ", ") + "HTTP " + refused.statusCode()
          + (message == null || message.isBlank() ? "" : " (" + oneLine(message) + ")")
          + (refused.statusCode() == 403 ? forbiddenHint : "");
    }
    return what + ": " + oneLine(failure.getMessage());
  }

  /** {@code text} with every run of white space (line breaks included) as one space; "" for null. */
  public static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }
}
