package dev.corral.server.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys of one data directory ({@code <data.dir>/auth/keys.json}, {@link KeyFile}): creates
 * them, lists and revokes them, and verifies a presented {@code id:secret}.
 *
 * <p><b>Keys.</b> {@code <id>:<secret>}: the id is {@value #ID_BYTES} random bytes, the secret
 * {@value #SECRET_BYTES} (192 bits), both URL-safe base64 without padding, so neither holds a
 * {@code :}. The secret is shown once, by {@link #create}; only its Argon2id hash is stored.
 *
 * <p><b>Verification</b> ({@link #verify}): an unknown id is refused at once (ids are public). The
 * first time a key's secret is presented it is checked against the Argon2id hash (tens of
 * milliseconds), through the {@link Argon2Gate} (at most one check per core at once, a bounded
 * wait, then {@link AccessDenied.Reason#BUSY}); once it matched, the SHA-256 digest of the secret
 * is kept in memory by id, and later requests compare the digest of what they present with it
 * ({@link SecretDigests}: constant time, fixed length), so a request costs one SHA-256, not one
 * Argon2. A wrong secret for a key in that cache is refused without Argon2, and so is a wrong
 * secret already refused once for that id ({@link RefusedSecrets}). Revoking drops the key from
 * the cache; the caches live only in memory. Expiry and revocation are checked on every request,
 * after the secret, so a stranger learns nothing of a key's state.
 *
 * <p><b>Last use</b> is noted in memory on every accepted request (no I/O on the request's
 * thread): {@link #list} shows it at once; {@link #flushLastUses} writes the uses noted since the
 * last write to the file, which the keys service does every {@link #LAST_USED_RESOLUTION} and when
 * it stops. A crash loses at most that much of last-use history, nothing else.
 *
 * <p>Thread-safe: reads see an immutable snapshot; changes are serialized and written through.
 * One process at a time may own a data directory's keys: the server (which holds the data
 * directory's lock) or the offline CLI (which takes that lock).
 */
public final class ApiKeys {
  /** The key file's name under the auth directory. */
  public static final String FILE = "keys.json";
  /** 72 bits: ids are public and only need to be unique; 12 characters. */
  static final int ID_BYTES = 9;
  /** 192 bits of secret (at least 128 are needed against guessing); 32 characters. */
  static final int SECRET_BYTES = 24;
  /**
   * Last uses reach the key file at most this long after they happen: one file write a minute for
   * all keys, however busy, and a minute is fine enough to tell a key in use from a forgotten one.
   */
  public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  /** A key just created: what is known of it and the key itself, shown this once. */
  public record IssuedKey(KeyInfo info, String key) {}

  private final KeyFile file;
  private final Clock clock;
  /** Every key with its hash, by id, in creation order; replaced whole on each change. */
  private volatile Map<String, KeyFile.Entry> keys;
  /** Id to SHA-256 of the secret that matched its Argon2 hash. */
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
  private final RefusedSecrets refused = new RefusedSecrets();
  private final Argon2Gate argon2;
  /** Id to its last accepted use not yet written to the file. */
  private final Map<String, Instant> unwrittenUses = new ConcurrentHashMap<>();

  private ApiKeys(KeyFile file, Clock clock, Map<String, KeyFile.Entry> keys, Argon2Gate argon2) {
    this.file = file;
    this.clock = clock;
    this.keys = keys;
    this.argon2 = argon2;
  }

  /**
   * Reads the keys of a data directory.
   *
   * @throws IOException when the key file exists and cannot be read (naming the file and the key)
   */
  public static ApiKeys open(Path dataDir, Clock clock) throws IOException {
    return open(dataDir, clock, new Argon2Gate());
  }

  /** {@link #open(Path, Clock)} with its own bound on Argon2 checks (tests). */
  static ApiKeys open(Path dataDir, Clock clock, Argon2Gate argon2) throws IOException {
    KeyFile file = new KeyFile(dataDir.resolve("auth").resolve(FILE));
    Map<String, KeyFile.Entry> keys = new LinkedHashMap<>();
    for (KeyFile.Entry entry : file.read()) {
      keys.put(entry.info().id(), entry);
    }
    return new ApiKeys(file, clock, ordered(keys), argon2);
  }

  private static Map<String, KeyFile.Entry> ordered(Map<String, KeyFile.Entry> keys) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /** The key file. */
  public Path path() {
    return file.path();
  }

  /** Creates a key, stores its hash and returns it: the only time its secret is seen. */
  public synchronized IssuedKey create(KeySpec spec) throws IOException {
    String id;
    do {
      id = random(ID_BYTES);
    } while (keys.containsKey(id));
    String secret = random(SECRET_BYTES);
    KeyInfo info = new KeyInfo(id, spec.name(), spec.scope(), spec.services(), spec.readFilter(), clock.instant(),
        spec.expires(), null, null, spec.limits());
    put(new KeyFile.Entry(info, SecretHash.hash(secret)));
    return new IssuedKey(info, id + ":" + secret);
  }

  /** Every key, in creation order, with its last use as noted in memory. */
  public List<KeyInfo> list() {
    return keys.values().stream().map(entry -> withUnwrittenUse(entry.info())).toList();
  }

  /** The key with this id, with its last use as noted in memory, or empty. */
  public Optional<KeyInfo> find(String id) {
    return Optional.ofNullable(keys.get(id)).map(entry -> withUnwrittenUse(entry.info()));
  }

  private KeyInfo withUnwrittenUse(KeyInfo info) {
    Instant used = unwrittenUses.get(info.id());
    return used == null || info.lastUsed() != null && !used.isAfter(info.lastUsed()) ? info : info.usedAt(used);
  }

  /**
   * Revokes a key: from now on it is refused. Revoking a revoked key changes nothing.
   *
   * @return the key as revoked, or empty when no key has this id
   */
  public synchronized Optional<KeyInfo> revoke(String id) throws IOException {
    KeyFile.Entry entry = keys.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    verified.remove(id);
    if (entry.info().revoked() == null) {
      put(new KeyFile.Entry(entry.info().revokedAt(clock.instant()), entry.hash()));
    }
    return Optional.of(keys.get(id).info());
  }

  /**
   * Who a request with this Authorization header acts as.
   *
   * @throws AccessDenied as {@link KeyCredentials#parse} and {@link #verify} do
   */
  public Principal authenticate(String authorization) throws AccessDenied {
    KeyCredentials credentials = KeyCredentials.parse(authorization);
    return verify(credentials.id(), credentials.secret());
  }

  /**
   * Who a request presenting key {@code id} with {@code secret} acts as; for every protocol that
   * carries a key its own way.
   *
   * @throws AccessDenied {@code INVALID} for an unknown id or a wrong secret (one reason, one
   *     message), {@code REVOKED}, {@code EXPIRED}, {@code BUSY} when the secret could not be
   *     checked now ({@link Argon2Gate})
   */
  public Principal verify(String id, String secret) throws AccessDenied {
    KeyFile.Entry entry = keys.get(id);
    if (entry == null || !secretMatches(id, secret, entry.hash())) {
      throw AccessDenied.because(AccessDenied.Reason.INVALID, "invalid API key (unknown id or wrong secret)");
    }
    KeyInfo info = entry.info();
    Instant now = clock.instant();
    if (info.revoked() != null) {
      throw AccessDenied.because(AccessDenied.Reason.REVOKED, "API key " + id + " was revoked at " + info.revoked());
    }
    if (info.expires() != null && !now.isBefore(info.expires())) {
      throw AccessDenied.because(AccessDenied.Reason.EXPIRED, "API key " + id + " expired at " + info.expires());
    }
    unwrittenUses.merge(id, now, (noted, latest) -> latest.isAfter(noted) ? latest : noted);
    return info.principal();
  }

  private boolean secretMatches(String id, String secret, String hash) throws AccessDenied {
    byte[] presented = SecretDigests.sha256(secret);
    byte[] known = verified.get(id);
    if (known != null) {
      return SecretDigests.equal(presented, known);
    }
    if (refused.contains(id, presented)) {
      return false;
    }
    if (!argon2.matches(id, secret, hash)) {
      refused.add(id, presented);
      return false;
    }
    verified.put(id, presented);
    return true;
  }

  /**
   * Writes the last uses noted since the last write to the key file; does nothing when there are
   * none. Uses noted while it writes stay for the next call; after a failed write every use stays.
   *
   * @return how many keys' last uses were written
   * @throws IOException when the file cannot be written (the uses are kept to try again)
   */
  public synchronized int flushLastUses() throws IOException {
    Map<String, Instant> uses = Map.copyOf(unwrittenUses);
    if (uses.isEmpty()) {
      return 0;
    }
    Map<String, KeyFile.Entry> next = new LinkedHashMap<>(keys);
    uses.forEach((id, used) -> next.computeIfPresent(id, (key, entry) -> entry.info().lastUsed() != null
        && !used.isAfter(entry.info().lastUsed()) ? entry : new KeyFile.Entry(entry.info().usedAt(used), entry.hash())));
    file.write(new ArrayList<>(next.values()));
    keys = ordered(next);
    uses.forEach(unwrittenUses::remove); // removes only what was written, not a newer use
    return uses.size();
  }

  /** Writes the keys with {@code entry} added or replaced, then makes them current. Holds the lock. */
  private void put(KeyFile.Entry entry) throws IOException {
    Map<String, KeyFile.Entry> next = new LinkedHashMap<>(keys);
    next.put(entry.info().id(), entry);
    file.write(new ArrayList<>(next.values()));
    keys = ordered(next);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return URL_SAFE.encodeToString(value);
  }
}
