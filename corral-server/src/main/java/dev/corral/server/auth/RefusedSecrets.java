package dev.corral.server.auth;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets recently refused for each key id, by their SHA-256 digest, so a client repeating a
 * wrong secret (a shipper with a stale key retrying, a script hammering one guess) is refused
 * without another Argon2 check. A secret that did not match a key's hash never will (a key's hash
 * never changes), so an entry needs no expiry; the cache is bounded to {@link #MAX_ENTRIES}, least
 * recently seen dropped first. Lives only in memory. Thread-safe.
 */
final class RefusedSecrets {
  /**
   * About 150 bytes each (id, hex digest, links): 10,000 entries cost under 2 MiB and cover any
   * realistic set of misconfigured clients; a flood of distinct guesses just cycles through it.
   */
  static final int MAX_ENTRIES = 10_000;

  private final Map<String, Boolean> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** Whether this secret (its digest) was refused for key {@code id} and is still remembered. */
  synchronized boolean contains(String id, byte[] digest) {
    return recent.get(entry(id, digest)) != null;
  }

  /** Remembers that this secret was refused for key {@code id}. */
  synchronized void add(String id, byte[] digest) {
    recent.put(entry(id, digest), Boolean.TRUE);
  }

  synchronized int size() {
    return recent.size();
  }

  private static String entry(String id, byte[] digest) {
    return id + ":" + HexFormat.of().formatHex(digest);
  }
}
