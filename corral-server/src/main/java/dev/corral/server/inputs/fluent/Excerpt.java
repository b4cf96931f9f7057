package dev.corral.server.inputs.fluent;

import dev.corral.model.normalize.LineError;
import dev.corral.model.normalize.Utf8Text;

/** Bounded, readable quotes of what a sender sent, for reasons and dead-letter excerpts. Stateless. */
final class Excerpt {
  /** Longest value quoted inside a reason: enough to recognise it, short enough to read. */
  static final int MAX_QUOTED_CHARS = 80;

  private Excerpt() {}

  /** {@code text} in double quotes, cut with an ellipsis past {@link #MAX_QUOTED_CHARS}. */
  static String quote(String text) {
    return "\"" + (text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "…") + "\"";
  }

  /** {@code text} cut with an ellipsis past {@link #MAX_QUOTED_CHARS} (for text that quotes itself, like JSON). */
  static String cut(String text) {
    return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "…";
  }

  /** The start of {@code text} for a dead letter, at most {@link LineError#MAX_EXCERPT_BYTES} UTF-8 bytes. */
  static String of(String text) {
    return Utf8Text.truncate(text, LineError.MAX_EXCERPT_BYTES);
  }

  /**
   * Raw bytes as text a person can read: printable ASCII as it is, every other byte as
   * {@code \xNN} (msgpack is binary; this shows both a stray HTTP request and the type bytes).
   */
  static String ofBytes(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        text.append((char) c);
      } else {
        text.append(String.format("\\x%02x", c));
      }
    }
    return text.toString();
  }
}
