package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.corral.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Finding 3 of issue 12, scaled down: idle connections beyond the cap wait in the accept backlog
 * instead of taking descriptors, and cannot lock a new client out for good; a slowloris sender is
 * cut off; a file limit too low for the listeners is reported at start-up.
 */
class ConnectionLimitsTest extends ServerPerTest {
  private static final int CAP = 4;
  private static final int EXTRA = 3;
  /** Give-up bound for what the server must do by itself; a loaded machine needs far less. */
  private static final long GIVE_UP_MILLIS = 60_000;
  /** How often the connection count is sampled: often enough to see every accept wave, cheap on 2 cores. */
  private static final long POLL_NANOS = 200_000;
  @Test
  void idleConnectionsBeyondTheCapWaitAndANewClientIsServedOnceTheyTimeOut() throws Exception {
    server = TestServer.start(data, Map.of("http.max_connections", Integer.toString(CAP), "http.idle_timeout", "1s"));
    AtomicInteger peak = new AtomicInteger();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watcher = Thread.ofVirtual().start(() -> {
      while (watching.get()) {
        peak.accumulateAndGet(server.server().httpConnections().open(), Math::max);
        LockSupport.parkNanos(POLL_NANOS);
      }
    });
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < CAP + EXTRA; i++) {
        idle.add(new Socket("127.0.0.1", server.server().port()));
      }
      awaitOpen(CAP);
      TestServer.Reply health = server.get("/health"); // waits in the backlog until idle ones are closed
      assertThat(health.status()).isEqualTo(200);
      for (Socket socket : idle) {
        socket.setSoTimeout((int) GIVE_UP_MILLIS);
        assertThat(socket.getInputStream().read()).as("an idle connection is closed by the server").isEqualTo(-1);
      }
    } finally {
      watching.set(false);
      watcher.join();
      for (Socket socket : idle) {
        socket.close();
      }
    }
    assertThat(peak.get()).as("connections accepted at once").isEqualTo(CAP);
    assertThat(server.server().httpConnections().max()).isEqualTo(CAP);
  }

  private void awaitOpen(int expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
    while (server.server().httpConnections().open() < expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.server().httpConnections().open()).isEqualTo(expected);
  }

  @Test
  void aSlowlorisSenderIsCutOffWhileItKeepsSending() throws Exception {
    server = TestServer.start(data, Map.of("http.header_timeout", "500ms", "http.idle_timeout", "1m"));
    try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
      socket.setSoTimeout(50);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
      long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
      boolean closed = false;
      int sent = 0;
      while (!closed && System.currentTimeMillis() < deadline) {
        try {
          out.write('x'); // one more byte of a header that never ends: the idle timeout never fires
          out.flush();
          sent++;
          closed = in.read() == -1;
        } catch (SocketTimeoutException e) {
          // still open: keep dripping
        } catch (IOException e) {
          closed = true; // reset while writing
        }
      }
      assertThat(closed).as("the server closed the connection after " + sent + " header bytes").isTrue();
    }
    assertThat(server.get("/health").status()).isEqualTo(200);
  }

  @Test
  void aCapBeyondTheFileLimitIsWarnedAboutAtStartUp() throws Exception {
    try (LogCapture log = new LogCapture()) {
      server = TestServer.start(data, Map.of("http.max_connections", "1000000"));
      var warning = log.await("the file-limit warning", event -> event.getLevel() == Level.WARN
          && event.getFormattedMessage().contains("open-file limit is too low"));
      assertThat(warning.getFormattedMessage()).contains("store").contains("ulimit -n");
      assertThat(server.get("/health").status()).isEqualTo(200);
    }
  }
}
