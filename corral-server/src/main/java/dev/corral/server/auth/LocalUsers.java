package dev.corral.server.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local users of one data directory ({@code <data.dir>/auth/users.json}, {@link UserFile}):
 * adds, changes, lists and removes them, and checks a sign-in's password ({@link CredentialSource}).
 *
 * <p><b>Passwords</b> are {@value #MIN_PASSWORD_CHARS}..{@value #MAX_PASSWORD_CHARS} characters
 * and stored only as their Argon2id hash ({@link SecretHash}, the same parameters as API keys).
 * Every check costs one Argon2 computation, bounded like the keys' by an {@link Argon2Gate}; an
 * unknown user name is checked against a hash of no one's password, so it takes as long as a wrong
 * password and the answer is the same. Unlike keys, no check is cached: sign-ins are rare and a
 * session carries the user afterwards.
 *
 * <p>Thread-safe: reads see an immutable snapshot; changes are serialized and written through.
 * One process at a time owns a data directory's users: the server, or the offline CLI under the
 * data directory's lock.
 */
public final class LocalUsers implements CredentialSource {
  /** The users file's name under the auth directory. */
  public static final String FILE = "users.json";
  /** The {@link Identity#source()} of a local user. */
  public static final String SOURCE = "local";
  /**
   * Twelve characters at least: a sign-in is guarded by slowing down repeated failures, not by a
   * second factor, so a password must survive an offline guess at its Argon2 hash too.
   */
  public static final int MIN_PASSWORD_CHARS = 12;
  /** Argon2 reads the whole password: a megabyte "password" is work asked of the server, not a secret. */
  public static final int MAX_PASSWORD_CHARS = 1024;

  private final UserFile file;
  private final Clock clock;
  private final Argon2Gate argon2;
  /** Every user with their hash, by name, in the order added; replaced whole on each change. */
  private volatile Map<String, UserFile.Entry> users;
  /** The hash an unknown name's password is checked against, so it costs what a known one does; made at first need. */
  private volatile String nobody;

  private LocalUsers(UserFile file, Clock clock, Argon2Gate argon2, Map<String, UserFile.Entry> users) {
    this.file = file;
    this.clock = clock;
    this.argon2 = argon2;
    this.users = users;
  }

  /**
   * Reads the users of a data directory.
   *
   * @throws IOException when the users file exists and cannot be read (naming the file and the user)
   */
  public static LocalUsers open(Path dataDir, Clock clock) throws IOException {
    return open(dataDir, clock, new Argon2Gate());
  }

  static LocalUsers open(Path dataDir, Clock clock, Argon2Gate argon2) throws IOException {
    UserFile file = new UserFile(dataDir.resolve("auth").resolve(FILE));
    Map<String, UserFile.Entry> users = new LinkedHashMap<>();
    for (UserFile.Entry entry : file.read()) {
      users.put(entry.info().name(), entry);
    }
    return new LocalUsers(file, clock, argon2, Collections.unmodifiableMap(users));
  }

  /** The users file. */
  public Path path() {
    return file.path();
  }

  /** Every user, in the order added. */
  public List<UserInfo> list() {
    return users.values().stream().map(UserFile.Entry::info).toList();
  }

  /** Whether no user exists (then the UI shows no sign-in page). */
  public boolean isEmpty() {
    return users.isEmpty();
  }

  /** The user with this name, or empty. */
  public Optional<UserInfo> find(String name) {
    return Optional.ofNullable(users.get(name)).map(UserFile.Entry::info);
  }

  /**
   * Adds a user.
   *
   * @throws IllegalArgumentException when the name is taken or not a name, the role and services do
   *     not go together, or the password is too short or too long
   */
  public synchronized UserInfo add(String name, Role role, List<String> services, String password) throws IOException {
    UserInfo.checkName(name);
    if (users.containsKey(name)) {
      throw new IllegalArgumentException("user " + name + " exists; change it with passwd or its role with set");
    }
    checkPassword(password);
    UserInfo info = new UserInfo(name, role, services, clock.instant(), clock.instant());
    put(new UserFile.Entry(info, SecretHash.hash(password)));
    return info;
  }

  /**
   * Changes a user's role and services.
   *
   * @return the user as changed, or empty when no user has this name
   * @throws IllegalArgumentException when the role and services do not go together
   */
  public synchronized Optional<UserInfo> change(String name, Role role, List<String> services) throws IOException {
    UserFile.Entry entry = users.get(name);
    if (entry == null) {
      return Optional.empty();
    }
    UserInfo changed = entry.info().with(role, services);
    put(new UserFile.Entry(changed, entry.hash()));
    return Optional.of(changed);
  }

  /**
   * Sets a user's password.
   *
   * @return the user, or empty when no user has this name
   * @throws IllegalArgumentException when the password is too short or too long
   */
  public synchronized Optional<UserInfo> setPassword(String name, String password) throws IOException {
    UserFile.Entry entry = users.get(name);
    if (entry == null) {
      return Optional.empty();
    }
    checkPassword(password);
    UserInfo changed = entry.info().passwordSetAt(clock.instant());
    put(new UserFile.Entry(changed, SecretHash.hash(password)));
    return Optional.of(changed);
  }

  /** Removes a user; returns who was removed, or empty when no user has this name. */
  public synchronized Optional<UserInfo> remove(String name) throws IOException {
    UserFile.Entry entry = users.get(name);
    if (entry == null) {
      return Optional.empty();
    }
    Map<String, UserFile.Entry> next = new LinkedHashMap<>(users);
    next.remove(name);
    write(next);
    return Optional.of(entry.info());
  }

  @Override
  public Identity verify(String user, String password) throws AccessDenied {
    UserFile.Entry entry = user == null ? null : users.get(user);
    String presented = password == null ? "" : password;
    boolean matches = presented.length() <= MAX_PASSWORD_CHARS
        && argon2.matches("the password of a sign-in", "passwords", "password", presented, entry == null ? nobody() : entry.hash());
    if (entry == null || !matches) {
      throw AccessDenied.because(AccessDenied.Reason.INVALID, "unknown user or wrong password");
    }
    return entry.info().identity();
  }

  private String nobody() {
    String hash = nobody;
    if (hash == null) {
      hash = SecretHash.hash("no user has this password: " + System.nanoTime());
      nobody = hash;
    }
    return hash;
  }

  private static void checkPassword(String password) {
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < MIN_PASSWORD_CHARS || length > MAX_PASSWORD_CHARS) {
      throw new IllegalArgumentException("a password must be " + MIN_PASSWORD_CHARS + ".." + MAX_PASSWORD_CHARS
          + " characters, got " + length);
    }
  }

  private void put(UserFile.Entry entry) throws IOException {
    Map<String, UserFile.Entry> next = new LinkedHashMap<>(users);
    next.put(entry.info().name(), entry);
    write(next);
  }

  private void write(Map<String, UserFile.Entry> next) throws IOException {
    file.write(new ArrayList<>(next.values()));
    users = Collections.unmodifiableMap(next);
  }
}
