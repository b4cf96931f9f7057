package dev.corral.server.search;

/**
 * A key's read filter does not parse (it was stored by an older version, or edited by hand): every
 * read of that key is refused rather than run unrestricted.
 */
public final class InvalidReadFilterException extends RuntimeException {
  public InvalidReadFilterException(String keyId, String filter, String reason) {
    super("the read filter of key '" + keyId + "' ('" + filter + "') does not parse (" + reason
        + "); reads with this key are refused until an admin gives it a valid filter");
  }
}
