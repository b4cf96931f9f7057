package dev.corral.store;

import java.io.IOException;

/**
 * The store cannot do what was asked, typically because it stopped taking writes after an
 * unrecoverable index error ({@code "store stopped taking writes: <cause>"}). Searches keep
 * working after such an error; restarting replays the WAL from the last checkpoint.
 */
public class StoreException extends IOException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
