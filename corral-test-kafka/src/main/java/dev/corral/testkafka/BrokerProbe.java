package dev.corral.testkafka;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Tells when a starting broker serves requests: it sends a Kafka {@code ApiVersions} request (the first
 * request every client sends) over a plain socket and waits for the answer. A bound port alone is not
 * enough: the broker binds its listener before it has joined the quorum and answers only afterwards.
 */
final class BrokerProbe {
  /** ApiVersions, the request a client sends first; every broker version answers its version 0. */
  private static final short API_VERSIONS = 18;
  private static final int CORRELATION_ID = 0x5EED;
  /** How long one probe waits for an answer before the next try. */
  private static final int PROBE_TIMEOUT_MILLIS = 2_000;
  private static final long RETRY_MILLIS = 200;
  private static final int LOG_TAIL_LINES = 30;

  private BrokerProbe() {}

  /**
   * Returns once the broker on {@code port} answers, or throws an {@link IOException} naming {@code log} (and
   * its last lines) when the process exits first or does not answer within {@code timeout}.
   */
  static void awaitReady(Process process, int port, Duration timeout, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the Kafka broker (port " + port + ") exited with code " + process.exitValue()
            + " while starting; see " + log + ":\n" + tail(log));
      }
      if (answers(port)) return;
      Thread.sleep(RETRY_MILLIS);
    }
    process.destroyForcibly().waitFor();
    throw new IOException("the Kafka broker (port " + port + ") did not answer within " + timeout + "; see " + log
        + ":\n" + tail(log));
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_TIMEOUT_MILLIS);
      socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      // request header v1: api key, api version, correlation id, client id (nullable string, -1 = null)
      out.writeInt(2 + 2 + 4 + 2);
      out.writeShort(API_VERSIONS);
      out.writeShort(0);
      out.writeInt(CORRELATION_ID);
      out.writeShort(-1);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int size = in.readInt();
      return size >= 4 && in.readInt() == CORRELATION_ID;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
