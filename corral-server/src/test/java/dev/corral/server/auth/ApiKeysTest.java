package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir
  Path data;

  @Test
  void aKeyIsIdColonSecretAndOnlyItsArgon2HashIsStoredPrivately() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    ApiKeys.IssuedKey issued = keys.create(new KeySpec("filebeat", Scope.INGEST, List.of(), null, null));
    String id = issued.key().substring(0, issued.key().indexOf(':'));
    String secret = issued.key().substring(id.length() + 1);
    assertThat(id).matches("[A-Za-z0-9_-]{12}");
    assertThat(secret).matches("[A-Za-z0-9_-]{32}"); // 24 random bytes: 192 bits
    String file = Files.readString(keys.path());
    assertThat(file).contains(id).contains("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(secret);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.path()))).isEqualTo("rw-------");
    assertThat(ApiKeys.open(data, Clock.systemUTC()).verify(id, secret))
        .as("read back from the file").isEqualTo(new Principal(id, "filebeat", Scope.INGEST, null));
  }

  @Test
  void servicesBecomeTheReadFilter() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    ApiKeys.IssuedKey issued = keys.create(new KeySpec("payments", Scope.READ, List.of("payment-*", "checkout"), null, null));
    Principal principal = keys.authenticate("Bearer " + issued.key());
    assertThat(principal.readRestriction()).contains("service:payment-* OR service:checkout");
    assertThatThrownBy(() -> new KeySpec("x", Scope.READ, List.of("a OR b"), null, null))
        .hasMessageContaining("is not a service name or glob");
    assertThatThrownBy(() -> new KeySpec("x", Scope.INGEST, List.of("a"), null, null))
        .hasMessageContaining("only a read key takes them");
  }

  @Test
  void wrongExpiredAndRevokedKeysAreRefusedWithTheirReason() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
    ApiKeys keys = ApiKeys.open(data, clock);
    String key = keys.create(new KeySpec("short-lived", Scope.READ, List.of(), null, clock.instant().plus(Duration.ofDays(1)))).key();
    String id = key.substring(0, key.indexOf(':'));
    String secret = key.substring(id.length() + 1);
    assertThat(keys.verify(id, secret).keyId()).isEqualTo(id);
    assertReason(() -> keys.verify(id, secret + "x"), AccessDenied.Reason.INVALID);
    assertReason(() -> keys.verify("nosuchid", secret), AccessDenied.Reason.INVALID);
    clock.advance(Duration.ofDays(1));
    assertReason(() -> keys.verify(id, secret), AccessDenied.Reason.EXPIRED);
    String other = keys.create(new KeySpec("revoked", Scope.READ, List.of(), null, null)).key();
    String otherId = other.substring(0, other.indexOf(':'));
    assertThat(keys.authenticate("ApiKey " + other).keyId()).isEqualTo(otherId);
    assertThat(keys.revoke(otherId)).hasValueSatisfying(info -> assertThat(info.revoked()).isEqualTo(clock.instant()));
    assertReason(() -> keys.authenticate("ApiKey " + other), AccessDenied.Reason.REVOKED);
    assertReason(() -> ApiKeys.open(data, clock).authenticate("ApiKey " + other), AccessDenied.Reason.REVOKED);
    assertThat(keys.revoke("nosuchid")).isEmpty();
  }

  @Test
  void lastUseIsNotedInMemoryAndReachesTheFileOnlyWhenFlushed() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
    ApiKeys keys = ApiKeys.open(data, clock);
    String key = keys.create(new KeySpec("busy", Scope.INGEST, List.of(), null, null)).key();
    byte[] created = Files.readAllBytes(keys.path());
    keys.authenticate("Bearer " + key);
    clock.advance(Duration.ofSeconds(30));
    keys.authenticate("Bearer " + key);
    assertThat(keys.list().getFirst().lastUsed()).as("seen at once, from memory").isEqualTo(clock.instant());
    assertThat(Files.readAllBytes(keys.path())).as("no write on the request's thread").isEqualTo(created);

    assertThat(keys.flushLastUses()).isEqualTo(1);
    assertThat(ApiKeys.open(data, clock).list().getFirst().lastUsed()).isEqualTo(clock.instant());
    byte[] flushed = Files.readAllBytes(keys.path());
    assertThat(keys.flushLastUses()).as("nothing new: no write").isZero();
    assertThat(Files.readAllBytes(keys.path())).isEqualTo(flushed);
  }

  @Test
  void aFailedFlushKeepsTheUsesAndTheNextOneWritesThem() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
    ApiKeys keys = ApiKeys.open(data, clock);
    String key = keys.create(new KeySpec("busy", Scope.INGEST, List.of(), null, null)).key();
    keys.authenticate("Bearer " + key);
    Path blocker = keys.path().resolveSibling("." + ApiKeys.FILE + ".tmp"); // where the file is written first
    Files.createDirectories(blocker.resolve("in-the-way"));
    assertThatThrownBy(keys::flushLastUses).isInstanceOf(java.io.IOException.class);
    assertThat(ApiKeys.open(data, clock).list().getFirst().lastUsed()).isNull();
    assertThat(keys.list().getFirst().lastUsed()).as("kept for the next try").isEqualTo(clock.instant());

    Files.delete(blocker.resolve("in-the-way"));
    Files.delete(blocker);
    assertThat(keys.flushLastUses()).isEqualTo(1);
    assertThat(ApiKeys.open(data, clock).list().getFirst().lastUsed()).isEqualTo(clock.instant());
  }

  /**
   * Not a timing test: it checks the code path. Every secret comparison, on the Argon2 path and on
   * the cached path, whatever the presented secret (right but for its first character, right but
   * for its last, shorter, longer), goes through {@link SecretDigests#equal} with two 32-byte
   * digests — the probe sees each — and {@code equal} always ends in {@link
   * java.security.MessageDigest#isEqual} (the probe observes, it cannot replace it), so no
   * comparison can stop at the first differing character of the secret.
   */
  @Test
  void everySecretComparisonIsMessageDigestIsEqualOverFixedLengthDigests() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String key = keys.create(new KeySpec("probe", Scope.READ, List.of(), null, null)).key();
    String id = key.substring(0, key.indexOf(':'));
    String secret = key.substring(id.length() + 1);
    List<int[]> compared = new ArrayList<>();
    SecretDigests.Probe original = SecretDigests.probe;
    SecretDigests.probe = (a, b) -> compared.add(new int[] {a.length, b.length});
    try {
      List<String> guesses = List.of("X" + secret.substring(1), secret.substring(0, secret.length() - 1) + "X", "s",
          secret + secret);
      for (String guess : guesses) { // before the key is cached: Argon2 hashes compared
        assertReason(() -> keys.verify(id, guess), AccessDenied.Reason.INVALID);
      }
      keys.verify(id, secret); // cached from now on
      for (String guess : guesses) { // cached: SHA-256 digests compared, no Argon2
        assertReason(() -> keys.verify(id, guess), AccessDenied.Reason.INVALID);
      }
      keys.verify(id, secret);
    } finally {
      SecretDigests.probe = original;
    }
    assertThat(compared).hasSize(10).allSatisfy(lengths -> assertThat(lengths).containsExactly(32, 32));
    assertThatThrownBy(() -> SecretDigests.equal(new byte[3], new byte[32])).hasMessageContaining("BUG");
  }

  @Test
  void lifetimesAreReadAsDurationsDatesOrInstants() {
    Instant now = Instant.parse("2026-06-01T10:00:00Z");
    assertThat(KeyLifetime.expiry("90d", now)).isEqualTo(now.plus(Duration.ofDays(90)));
    assertThat(KeyLifetime.expiry("12h", now)).isEqualTo(now.plus(Duration.ofHours(12)));
    assertThat(KeyLifetime.expiry("2w", now)).isEqualTo(now.plus(Duration.ofDays(14)));
    assertThat(KeyLifetime.expiry("2027-01-31", now)).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    assertThatThrownBy(() -> KeyLifetime.expiry("2020-01-01", now)).hasMessageContaining("must be in the future");
    assertThatThrownBy(() -> KeyLifetime.expiry("soon", now)).hasMessageContaining("neither a lifetime");
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertReason(Call call, AccessDenied.Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(AccessDenied.class,
        denied -> assertThat(denied.reason()).isEqualTo(reason));
  }
}
