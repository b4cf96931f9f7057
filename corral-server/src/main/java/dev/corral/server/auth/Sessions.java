package dev.corral.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-side sessions of signed-in users, in memory (a restart signs everyone out).
 *
 * <ul>
 *   <li><b>Ids.</b> Every {@link #open} makes a new random id (and CSRF token): an id a client
 *       held before signing in never becomes a session (no fixation). Sessions are kept by the
 *       SHA-256 of their id, so the ids themselves are not held.
 *   <li><b>Expiry.</b> A session unused for the idle timeout, or older than its maximum age, is
 *       gone: {@link #find} drops it and answers empty. Each use restarts the idle timeout.
 *   <li><b>End.</b> {@link #close} (sign-out) forgets the id at once, so a copy of the cookie
 *       replayed later is refused; {@link #closeAll} ends every session of a user (removed, role
 *       or password changed).
 *   <li><b>Bounds.</b> At most {@link #MAX_SESSIONS} sessions and {@link #MAX_PER_USER} per user;
 *       over either, the least recently used goes first.
 * </ul>
 *
 * Thread-safe.
 */
public final class Sessions {
  /** 256 bits: session ids and CSRF tokens cannot be guessed. */
  static final int ID_BYTES = 32;
  /** Far more people than one server's UI has at once; each session is a few hundred bytes. */
  public static final int MAX_SESSIONS = 10_000;
  /** A person's browsers and devices; more is a script signing in over and over. */
  public static final int MAX_PER_USER = 20;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  /** A session and its last use. */
  private static final class Held {
    final Session session;
    volatile Instant lastUsed;

    Held(Session session) {
      this.session = session;
      this.lastUsed = session.created();
    }
  }

  private final Duration idleTimeout;
  private final Duration maxAge;
  private final Clock clock;
  /** By hex SHA-256 of the id. */
  private final Map<String, Held> sessions = new ConcurrentHashMap<>();

  /**
   * @param idleTimeout a session unused this long ends
   * @param maxAge a session this old ends, however used
   */
  public Sessions(Duration idleTimeout, Duration maxAge, Clock clock) {
    if (idleTimeout.isNegative() || idleTimeout.isZero() || maxAge.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException("session idle timeout " + idleTimeout + " must be positive and at most the "
          + "maximum age " + maxAge);
    }
    this.idleTimeout = idleTimeout;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** How long an unused session lives. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Opens a session for {@code identity} with a new id and CSRF token. */
  public Session open(Identity identity) {
    Instant now = clock.instant();
    Session session = new Session(random(), random(), identity, now, now.plus(maxAge));
    synchronized (this) {
      dropExpired(now);
      List<Held> mine = sessions.values().stream().filter(h -> h.session.identity().user().equals(identity.user()))
          .sorted(Comparator.comparing(h -> h.lastUsed)).toList();
      for (int i = 0; i <= mine.size() - MAX_PER_USER; i++) {
        sessions.values().remove(mine.get(i));
      }
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.values().stream().min(Comparator.comparing(h -> h.lastUsed)).ifPresent(sessions.values()::remove);
      }
      sessions.put(key(session.id()), new Held(session));
    }
    return session;
  }

  /** The live session with this id, its idle timeout restarted; empty when unknown, ended or expired. */
  public Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    String key = key(id);
    Held held = sessions.get(key);
    if (held == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(held, now)) {
      sessions.remove(key, held);
      return Optional.empty();
    }
    held.lastUsed = now;
    return Optional.of(held.session);
  }

  /** Ends the session with this id; returns it, or empty when there was none. */
  public Optional<Session> close(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(sessions.remove(key(id))).map(held -> held.session);
  }

  /** Ends every session of {@code user}; returns how many. */
  public int closeAll(String user) {
    int before = sessions.size();
    sessions.values().removeIf(held -> held.session.identity().user().equals(user));
    return before - sessions.size();
  }

  /** Sessions held now (expired ones not yet dropped included). */
  public int size() {
    return sessions.size();
  }

  /** Whether {@code token} is the CSRF token of {@code session}, compared in constant time. */
  public static boolean csrfMatches(Session session, String token) {
    return token != null && SecretDigests.equal(SecretDigests.sha256(token), SecretDigests.sha256(session.csrfToken()));
  }

  private boolean expired(Held held, Instant now) {
    return !now.isBefore(held.session.expires()) || !now.isBefore(held.lastUsed.plus(idleTimeout));
  }

  private void dropExpired(Instant now) {
    sessions.values().removeIf(held -> expired(held, now));
  }

  private static String key(String id) {
    return HexFormat.of().formatHex(SecretDigests.sha256(id));
  }

  private static String random() {
    byte[] bytes = new byte[ID_BYTES];
    RANDOM.nextBytes(bytes);
    return URL_SAFE.encodeToString(bytes);
  }
}
