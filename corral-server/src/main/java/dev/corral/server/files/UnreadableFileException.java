package dev.corral.server.files;

/** A definition file that cannot be read as text: too large, or not UTF-8. The message completes "the file …". */
public final class UnreadableFileException extends Exception {
  public UnreadableFileException(String reason) {
    super(reason);
  }
}
