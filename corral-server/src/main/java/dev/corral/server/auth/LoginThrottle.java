package dev.corral.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows down guessing passwords: counts failed sign-ins per user name and per source address, and
 * after a few free failures refuses every further attempt for a lock that doubles with each failure
 * ({@link #FIRST_LOCK}, twice that, … up to {@link #MAX_LOCK}).
 *
 * <ul>
 *   <li>The name is counted whether or not such a user exists, and a locked name is refused before
 *       any password is checked — the right one too — so neither the answers nor their timing tell
 *       whether a user exists, and a guesser gets one try per lock.
 *   <li>The address catches one client trying many names; its allowance is larger
 *       ({@link #FREE_FAILURES_PER_ADDRESS}: a team behind one NAT mistypes too).
 *   <li>A success clears the name's and the address's count. A count left alone for {@link #FORGET_AFTER} starts over.
 *   <li>Memory is bounded under a flood of distinct names or addresses: each table keeps at most
 *       {@link #MAX_TRACKED} entries, least recently failed dropped first (a flood from one address
 *       locks that address whatever it does to the names' table).
 * </ul>
 *
 * Thread-safe; each call is a few map operations under a lock.
 */
public final class LoginThrottle {
  /** Typos and a forgotten caps lock: five failures cost nothing. */
  public static final int FREE_FAILURES_PER_NAME = 5;
  /** Several people behind one address, each with a few typos. */
  public static final int FREE_FAILURES_PER_ADDRESS = 20;
  /** The first lock after the free failures: a person barely notices it. */
  public static final Duration FIRST_LOCK = Duration.ofSeconds(1);
  /** The longest lock: after about ten locked failures a guesser gets four tries an hour. */
  public static final Duration MAX_LOCK = Duration.ofMinutes(15);
  /** A name or address without a failure this long is forgotten: its next failure is free again. */
  public static final Duration FORGET_AFTER = Duration.ofHours(1);
  /** About 100 bytes an entry: 10,000 names and as many addresses cost about 2 MiB at most. */
  public static final int MAX_TRACKED = 10_000;

  /** Failures of one name or address. */
  private static final class Failures {
    int count;
    Instant last;
    Instant lockedUntil = Instant.MIN;
  }

  private final Clock clock;
  private final Map<String, Failures> names = bounded();
  private final Map<String, Failures> addresses = bounded();

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * Checks whether a sign-in as {@code name} from {@code address} may be tried now.
   *
   * @throws AccessDenied {@code THROTTLED} with the seconds to wait while the name or the address is locked
   */
  public synchronized void admit(String name, String address) throws AccessDenied {
    Instant now = clock.instant();
    Instant until = later(lockedUntil(names, nameKey(name), now), lockedUntil(addresses, address, now));
    if (now.isBefore(until)) {
      long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
      throw AccessDenied.throttled("too many failed sign-ins for this user name or from this address; try again in "
          + seconds + " s", (int) Math.min(Integer.MAX_VALUE, seconds));
    }
  }

  /** Counts a failed sign-in as {@code name} from {@code address}, locking either when past its free failures. */
  public synchronized void failed(String name, String address) {
    Instant now = clock.instant();
    count(names, nameKey(name), FREE_FAILURES_PER_NAME, now);
    count(addresses, address, FREE_FAILURES_PER_ADDRESS, now);
  }

  /** A sign-in succeeded: the name's and the address's failures are forgotten. */
  public synchronized void succeeded(String name, String address) {
    names.remove(nameKey(name));
    addresses.remove(address);
  }

  /** Names and addresses tracked now (tests: the bound holds). */
  synchronized int tracked() {
    return names.size() + addresses.size();
  }

  private static void count(Map<String, Failures> table, String key, int free, Instant now) {
    Failures failures = table.get(key);
    if (failures == null || !now.isBefore(failures.last.plus(FORGET_AFTER))) {
      failures = new Failures();
    }
    failures.count++;
    failures.last = now;
    if (failures.count > free) {
      int doublings = Math.min(failures.count - free - 1, 30);
      Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
      failures.lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
    }
    table.remove(key);
    table.put(key, failures); // (re)inserted last: the most recently failed stays longest
  }

  private static Instant lockedUntil(Map<String, Failures> table, String key, Instant now) {
    Failures failures = table.get(key);
    if (failures == null) {
      return Instant.MIN;
    }
    if (!now.isBefore(failures.last.plus(FORGET_AFTER))) {
      table.remove(key);
      return Instant.MIN;
    }
    return failures.lockedUntil;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String nameKey(String name) {
    String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
    // no user name is longer; a longer one is still counted, under its beginning, in bounded memory
    return key.length() > UserInfo.MAX_NAME_CHARS ? key.substring(0, UserInfo.MAX_NAME_CHARS + 1) : key;
  }

  private static Map<String, Failures> bounded() {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        return size() > MAX_TRACKED;
      }
    };
  }
}
