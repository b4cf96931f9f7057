package dev.corral.server.inputs.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** What the syslog tests share: finding real peers (binaries; the other inputs' real-peer tests use it too), and reading answers. */
public final class Peers {
  /** A client waits this long for the server to close a connection; only a broken server needs it. */
  static final int CLOSE_WAIT_MILLIS = 30_000;

  private Peers() {}

  /**
   * The first executable (or shared library) among {@code candidates}; skips the test when none is there, or fails it
   * under CI=true where the real-peer tests must run.
   */
  public static Path require(String what, String debianPackages, Path... candidates) {
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate) && (Files.isExecutable(candidate) || candidate.toString().endsWith(".so"))) {
        return candidate;
      }
    }
    unavailable(what + " not found (looked at " + List.of(candidates) + "); install the Debian packages " + debianPackages);
    return null;
  }

  /** Skips the test because a real peer is missing ({@code reason} says how to get it), or fails it under CI=true. */
  public static void unavailable(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI=true: the real-peer test must run)");
    }
    Assumptions.abort(reason);
  }

  /** Runs a command to its end; fails with its output when it fails. */
  static void run(Path dir, String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile(dir, "cmd", ".out");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      Assertions.fail(String.join(" ", command) + " did not finish in 60 s: " + Files.readString(output));
    }
    assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), Files.readString(output)).isZero();
  }

  /** Whether the server closed the connection (end of stream, after whatever it sent, or reset) within {@link #CLOSE_WAIT_MILLIS}. */
  static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(CLOSE_WAIT_MILLIS);
    InputStream in = socket.getInputStream();
    try {
      byte[] sink = new byte[1024];
      while (in.read(sink) >= 0) {
        // a TLS alert may come before the end
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An octet-counted frame. */
  static byte[] counted(String message) {
    byte[] bytes = utf8(message);
    return utf8(bytes.length + " " + message);
  }

  /** The event among a search answer whose message starts with {@code prefix}. */
  static JsonNode event(JsonNode result, String prefix) {
    for (JsonNode event : result.path("events")) {
      if (event.path("message").asText().startsWith(prefix)) {
        return event;
      }
    }
    throw new AssertionError("no event with a message starting " + prefix.substring(0, Math.min(60, prefix.length()))
        + "… among " + result.path("events").findValuesAsText("message"));
  }

  /** The dead letter among a search answer whose reason contains {@code text}. */
  static JsonNode deadLetter(JsonNode result, String text) {
    for (JsonNode event : result.path("events")) {
      if (event.path("dead_letter.reason").asText().contains(text)) {
        return event;
      }
    }
    throw new AssertionError("no dead letter with a reason containing " + text + " among "
        + result.path("events").findValuesAsText("dead_letter.reason"));
  }
}
