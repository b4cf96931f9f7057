package dev.corral.pipeline.parse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What {@code redact} writes in place of a secret it found. Implementations are immutable and thread-safe. */
interface Replacement {
  /** The text that replaces {@code secret}, a value of the kind {@code label} names. */
  String replace(String label, String secret);

  /** {@code <LABEL>}, as Elasticsearch's {@code redact} writes. */
  record Label() implements Replacement {
    @Override
    public String replace(String label, String secret) {
      return "<" + label + ">";
    }
  }

  /** One {@code maskChar} per character of the secret, so lengths and layout stay visible. */
  record MaskChar(char maskChar) implements Replacement {
    @Override
    public String replace(String label, String secret) {
      return String.valueOf(maskChar).repeat(secret.length());
    }
  }

  /**
   * {@code <LABEL:hex>}, the hex an HMAC-SHA256 of the secret under a configured key, truncated:
   * equal secrets give equal replacements, so redacted events still join and group on them, while
   * without the key a replacement cannot be tested against guesses.
   */
  record KeyedHash(byte[] key) implements Replacement {
    /** Hex characters kept: 64 bits, collisions among a billion distinct values stay unlikely (~3%). */
    static final int HEX_CHARS = 16;

    /** The shortest key accepted: 16 bytes (128 bits), HMAC's security needs no more. */
    static final int MIN_KEY_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";

    public KeyedHash {
      key = key.clone();
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException("hash key of " + key.length + " bytes, at least " + MIN_KEY_BYTES + " needed");
      }
    }

    @Override
    public String replace(String label, String secret) {
      try {
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(key, ALGORITHM));
        byte[] digest = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        return "<" + label + ":" + HexFormat.of().formatHex(digest).substring(0, HEX_CHARS) + ">";
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("BUG: " + ALGORITHM + " is part of every JDK", e);
      }
    }
  }
}
