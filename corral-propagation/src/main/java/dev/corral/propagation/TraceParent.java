package dev.corral.propagation;

import java.util.Optional;

/**
 * The value of a W3C Trace Context {@code traceparent} header
 * ({@code version-traceid-parentid-flags}, e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}).
 *
 * <p>{@link #parse} follows the specification's receiving rules: lowercase hex only; version {@code ff} and
 * an all-zero trace id or parent id are invalid; version {@code 00} is exactly 55 characters; a higher
 * (future) version is read by its version-00 prefix when what follows is a {@code -}. An invalid value is
 * treated as absent: the caller starts a new trace, as the specification says. {@link #format()} always
 * writes version {@code 00}.
 *
 * @param traceId 32 lowercase hex digits, not all zero: the whole distributed request
 * @param parentId 16 lowercase hex digits, not all zero: the span of the caller that sent this header
 * @param flags the trace flags, 0 to 255 (bit 0: sampled)
 */
public record TraceParent(String traceId, String parentId, int flags) {
  /** Version {@code 00}'s length: 2 + 1 + 32 + 1 + 16 + 1 + 2. */
  public static final int LENGTH = 55;
  /** The sampled bit of the flags. */
  public static final int SAMPLED = 0x01;

  public TraceParent {
    if (!isTraceId(traceId)) {
      throw new IllegalArgumentException("trace id '" + traceId + "' is not 32 lowercase hex digits, not all zero");
    }
    if (!isSpanId(parentId)) {
      throw new IllegalArgumentException("parent id '" + parentId + "' is not 16 lowercase hex digits, not all zero");
    }
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("trace flags " + flags + " are outside 0..255");
    }
  }

  /** The header's value, or empty when it is absent, malformed or carries an all-zero id. */
  public static Optional<TraceParent> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.length() < LENGTH || !isHex(value, 0, 2) || value.startsWith("ff") || value.charAt(2) != '-'
        || value.charAt(35) != '-' || value.charAt(52) != '-' || !isHex(value, 53, 55)) {
      return Optional.empty();
    }
    boolean version00 = value.startsWith("00");
    if (version00 ? value.length() != LENGTH : value.length() > LENGTH && value.charAt(LENGTH) != '-') {
      return Optional.empty();
    }
    String traceId = value.substring(3, 35);
    String parentId = value.substring(36, 52);
    if (!isTraceId(traceId) || !isSpanId(parentId)) {
      return Optional.empty();
    }
    return Optional.of(new TraceParent(traceId, parentId, Integer.parseInt(value.substring(53, 55), 16)));
  }

  /** The version-00 header value. */
  public String format() {
    return "00-" + traceId + "-" + parentId + "-" + (flags < 0x10 ? "0" : "") + Integer.toHexString(flags);
  }

  @Override
  public String toString() {
    return format();
  }

  /** True for 32 lowercase hex digits that are not all zero. */
  static boolean isTraceId(String id) {
    return id != null && id.length() == 32 && isHex(id, 0, 32) && !isAllZero(id);
  }

  /** True for 16 lowercase hex digits that are not all zero. */
  static boolean isSpanId(String id) {
    return id != null && id.length() == 16 && isHex(id, 0, 16) && !isAllZero(id);
  }

  private static boolean isHex(String value, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAllZero(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
