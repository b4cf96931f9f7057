package dev.corral.opensearch.node;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A Debian program a test drives as a real peer ({@code nginx}, {@code openssl}): found in the usual
 * places, else the test is skipped with a message naming the package to install, except under
 * {@code CI=true}, where a missing peer fails the test (CI installs it: {@code .ci/run}).
 */
public final class RequiredTool {
  private static final Path[] DIRECTORIES = {Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin")};

  private RequiredTool() {}

  /**
   * The executable {@code name}, or the test aborted (failed under CI) naming {@code debianPackage}.
   */
  public static Path find(String name, String debianPackage) {
    for (Path directory : DIRECTORIES) {
      Path candidate = directory.resolve(name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String reason = name + " not found (looked in /usr/sbin, /usr/bin, /sbin, /bin); install the Debian package "
        + debianPackage;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI=true: the test with the real " + name + " must run)");
    }
    Assumptions.abort(reason);
    throw new IllegalStateException("BUG: Assumptions.abort returned");
  }
}
