package dev.corral.demo;

import java.util.List;
import java.util.Random;

/**
 * The simulation's only source of randomness. {@link Random} rather than a newer generator
 * because its sequence (including {@code nextGaussian}) is specified, so a seed replays the same
 * fleet on every JDK. Not thread-safe; one simulator owns one.
 */
final class Dice {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
  private static final char[] KUBE = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
  private final Random random;

  Dice(long seed) {
    this.random = new Random(seed);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  double uniform() {
    return random.nextDouble();
  }

  int between(int lowInclusive, int highInclusive) {
    return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** A log-normal draw with the given median: most values near it, a long tail above. */
  double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  String hex(int digits) {
    return chars(HEX, digits);
  }

  String kubeSuffix(int length) {
    return chars(KUBE, length);
  }

  /** A random (version 4) UUID drawn from this dice. */
  String uuid() {
    long hi = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(hi, lo).toString();
  }

  private String chars(char[] alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}
