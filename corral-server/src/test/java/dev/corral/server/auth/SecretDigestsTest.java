package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one secret comparison, checked by its code path (no clock): digests that differ in their
 * first byte and digests that differ in their last byte take the same path — both reach the probe
 * whole, at 32 bytes each, and are then compared by {@link java.security.MessageDigest#isEqual},
 * which reads every byte — and anything but two 32-byte digests is a bug.
 */
class SecretDigestsTest {
  @Test
  void digestsDifferingFirstOrLastTakeTheSamePathOverWholeDigests() {
    byte[] digest = SecretDigests.sha256("the right secret");
    byte[] firstDiffers = digest.clone();
    firstDiffers[0] ^= 1;
    byte[] lastDiffers = digest.clone();
    lastDiffers[SecretDigests.DIGEST_BYTES - 1] ^= 1;
    List<String> seen = new ArrayList<>();
    SecretDigests.Probe original = SecretDigests.probe;
    SecretDigests.probe = (a, b) -> seen.add(a.length + "/" + b.length);
    try {
      assertThat(SecretDigests.equal(digest, firstDiffers)).isFalse();
      assertThat(SecretDigests.equal(digest, lastDiffers)).isFalse();
      assertThat(SecretDigests.equal(digest, digest.clone())).isTrue();
    } finally {
      SecretDigests.probe = original;
    }
    assertThat(seen).containsExactly("32/32", "32/32", "32/32");
    assertThat(SecretDigests.sha256("s")).hasSize(SecretDigests.DIGEST_BYTES);
    assertThat(SecretDigests.sha256("a much longer secret".repeat(50))).hasSize(SecretDigests.DIGEST_BYTES);
    assertThatThrownBy(() -> SecretDigests.equal("short".getBytes(), digest)).hasMessageContaining("BUG")
        .hasMessageContaining("32-byte digests, got 5 and 32");
  }
}
