package dev.corral.propagation;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New ids for traces, spans and requests. They only need to be unique, not secret (the W3C
 * recommendation, and what OpenTelemetry's default generator does), so a thread-local generator is
 * used rather than a contended {@code SecureRandom}. Never returns an all-zero trace or span id, which
 * W3C reserves as invalid. Safe for concurrent use.
 */
final class RandomIds {
  private RandomIds() {}

  /** 32 lowercase hex digits (128 bits), never all zero. */
  static String traceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high;
    long low;
    do {
      high = random.nextLong();
      low = random.nextLong();
    } while (high == 0 && low == 0);
    return hex16(high) + hex16(low);
  }

  /** 16 lowercase hex digits (64 bits), never all zero. */
  static String spanId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return hex16(id);
  }

  /** A random UUID in its usual text form, the shape most proxies and frameworks give request ids. */
  static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L; // IETF variant
    return new UUID(high, low).toString();
  }

  private static String hex16(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
