package dev.corral.server.auth;

import dev.corral.server.text.Excerpt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The stored form of a key's secret: Argon2id (Bouncy Castle) with a random salt per key, written
 * in the PHC string format {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (base64 without
 * padding), so the parameters travel with the hash and can be raised later.
 *
 * <p>Costs: {@link #MEMORY_KIB} and {@link #ITERATIONS} are OWASP's recommended minimum for
 * Argon2id (19 MiB, 2 passes, 1 lane): some tens of milliseconds per check. How many checks run
 * at once is bounded by {@link Argon2Gate}, not here; {@link ApiKeys} checks each key's secret with
 * Argon2 once and then against a SHA-256 digest in memory. Thread-safe.
 */
public final class SecretHash {
  /** OWASP's minimum memory for Argon2id. */
  static final int MEMORY_KIB = 19 * 1024;
  /** OWASP's pass count for that memory. */
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  /** 128-bit salts, as the Argon2 RFC (9106) recommends. */
  static final int SALT_BYTES = 16;
  /** 256-bit hashes. */
  static final int HASH_BYTES = 32;
  /**
   * The check of a presented secret against a stored hash; a test seam that counts or holds checks
   * (never replaced in production).
   */
  static volatile Check check = SecretHash::recompute;

  /** Whether a secret matches a stored hash. */
  @FunctionalInterface
  interface Check {
    boolean matches(String secret, String phc);
  }
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  private SecretHash() {}

  /** The PHC string of {@code secret} with a fresh salt. */
  public static String hash(String secret) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = argon2(secret, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(hash);
  }

  /**
   * Whether {@code secret} hashes to {@code phc}: the hash is recomputed with the stored salt and
   * parameters and compared in constant time ({@link SecretDigests#equal}).
   *
   * @throws IllegalStateException naming the problem when {@code phc} is not an Argon2id PHC string
   */
  public static boolean matches(String secret, String phc) {
    return check.matches(secret, phc);
  }

  private static boolean recompute(String secret, String phc) {
    String[] parts = phc.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      throw new IllegalStateException("stored key hash is not an Argon2id v19 PHC string: " + Excerpt.header(phc));
    }
    int memory = 0;
    int iterations = 0;
    int parallelism = 0;
    for (String parameter : parts[3].split(",")) {
      int value = Integer.parseInt(parameter.substring(2));
      switch (parameter.charAt(0)) {
        case 'm' -> memory = value;
        case 't' -> iterations = value;
        case 'p' -> parallelism = value;
        default -> throw new IllegalStateException("unknown Argon2 parameter '" + parameter + "' in a stored key hash");
      }
    }
    byte[] salt = B64_DECODE.decode(parts[4]);
    byte[] expected = B64_DECODE.decode(parts[5]);
    return SecretDigests.equal(argon2(secret, salt, memory, iterations, parallelism, expected.length), expected);
  }

  private static byte[] argon2(String secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
        .withIterations(iterations).withParallelism(parallelism).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
