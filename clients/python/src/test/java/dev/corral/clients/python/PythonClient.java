package dev.corral.clients.python;

import dev.corral.server.inputs.syslog.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Runs python3 in the client's directory ({@code clients/python}, given by the build as the system
 * property {@code corral.python.client}) and returns what it printed; fails with that output when it
 * exits with another code than 0.
 */
final class PythonClient {
  /** The longest a python run may take: the unit tests need about 30 s on a loaded 2-core machine. */
  private static final long RUN_LIMIT_MINUTES = 10;

  private PythonClient() {}

  static Path directory() {
    return Path.of(System.getProperty("corral.python.client", "")).toAbsolutePath();
  }

  /** The interpreter: Debian's python3 first (the one CI installs), skipping the test when there is none. */
  static Path python() {
    return Peers.require("python3", "python3 python3-venv python3-pip python3-setuptools python3-wheel",
        Path.of("/usr/bin/python3"), Path.of("/usr/local/bin/python3"));
  }

  /** Runs {@code python3 args...} with {@code environment} added; returns stdout and stderr together. */
  static String run(Path workDir, Map<String, String> environment, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(python().toString());
    command.addAll(args);
    Path output = Files.createTempFile(workDir, "python", ".out");
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory().toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the source tree
    builder.environment().put("PYTHONUNBUFFERED", "1");
    Process process = builder.start();
    if (!process.waitFor(RUN_LIMIT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      Assertions.fail(String.join(" ", command) + " did not finish in " + RUN_LIMIT_MINUTES + " min:\n"
          + Files.readString(output));
    }
    String printed = Files.readString(output);
    if (process.exitValue() != 0) {
      Assertions.fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + printed);
    }
    return printed;
  }
}
