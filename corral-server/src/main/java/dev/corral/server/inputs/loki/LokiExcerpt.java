package dev.corral.server.inputs.loki;

import dev.corral.model.normalize.LineError;
import dev.corral.model.normalize.Utf8Text;
import java.nio.charset.StandardCharsets;

/** Bounded quotes of what a client sent, for error reasons and dead-letter excerpts. Stateless. */
final class LokiExcerpt {
  /** Longest value quoted inside a reason: enough to recognise it, short enough to read. */
  static final int MAX_QUOTED_CHARS = 80;

  private LokiExcerpt() {}

  /** {@code text} in double quotes, cut with an ellipsis past {@link #MAX_QUOTED_CHARS}. */
  static String quote(String text) {
    return "\"" + (text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "…") + "\"";
  }

  /** The start of {@code text} for a dead letter, at most {@link LineError#MAX_EXCERPT_BYTES} UTF-8 bytes. */
  static String of(String text) {
    return Utf8Text.truncate(text, LineError.MAX_EXCERPT_BYTES);
  }

  /** The start of {@code bytes[offset, offset + length)} as text (invalid UTF-8 becomes U+FFFD). */
  static String of(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, Math.min(length, LineError.MAX_EXCERPT_BYTES), StandardCharsets.UTF_8);
  }
}
