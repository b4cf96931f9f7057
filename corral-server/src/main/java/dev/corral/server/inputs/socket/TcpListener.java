package dev.corral.server.inputs.socket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP (or TLS) server: accepts on one virtual thread, serves each connection on its own virtual
 * thread with a {@link ConnectionHandler}, refuses connections beyond the cap and from sources its
 * {@link Admission} does not admit (at accept, before reading a byte), runs a TLS handshake before
 * the handler reads (a failed one is refused and counted), and closes connections idle longer than
 * the timeout. Refusals are counted by reason ({@code refused_connections.*}, {@code
 * refused_handshakes}) and logged sparingly ({@link RefusalCounter}). Thread-safe; {@link #close()}
 * stops accepting and closes every open connection.
 */
public final class TcpListener implements InputListener {
  private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
  /** Pending connections the OS queues while all are being accepted. */
  private static final int BACKLOG = 256;
  /** Time handlers get on close to finish the batch they are storing. */
  private static final long STOP_GRACE_MILLIS = 2_000;

  private final String name;
  private final ServerSocket server;
  private final TcpLimits limits;
  private final ConnectionHandler handler;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> serving = ConcurrentHashMap.newKeySet();
  private final Admission admission;
  private final RefusalCounter refusedConnections;
  private final RefusalCounter refusedHandshakes;
  private volatile boolean closed;

  private TcpListener(String name, ServerSocket server, Admission admission, TcpLimits limits,
      ConnectionHandler handler) {
    this.name = name;
    this.server = server;
    this.admission = admission;
    this.limits = limits;
    this.handler = handler;
    this.slots = new Semaphore(limits.maxConnections());
    this.refusedConnections = new RefusalCounter(name, "refused_connections",
        List.of(Refusal.CONNECTION_LIMIT, Refusal.SOURCE_NOT_ALLOWED));
    this.refusedHandshakes = new RefusalCounter(name, "refused_handshakes", List.of(Refusal.HANDSHAKE_FAILED));
  }

  /**
   * Binds and starts accepting whom {@code admission} admits.
   *
   * @throws IOException naming the address when it cannot be bound
   */
  public static TcpListener start(String name, String host, int port, TcpLimits limits, Admission admission,
      ConnectionHandler handler) throws IOException {
    ServerTls tls = admission.tls();
    ServerSocket server = tls == null ? new ServerSocket() : tls.context().getServerSocketFactory().createServerSocket();
    if (server instanceof SSLServerSocket ssl) {
      tls.source().policy().applyTo(ssl);
      ssl.setNeedClientAuth(admission.clientCertificateRequired());
    }
    try {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(host, port), BACKLOG);
    } catch (IOException e) {
      server.close();
      throw new IOException(name + " cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    TcpListener listener = new TcpListener(name, server, admission, limits, handler);
    Thread.ofVirtual().name("corral-" + name + "-accept").start(listener::acceptLoop);
    return listener;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.atWarn().addKeyValue("input", name).addKeyValue("error", e.toString()).log("accept failed");
        }
        continue;
      }
      if (!admission.admitsAtAccept(socket.getInetAddress())) {
        refusedConnections.refuse(Refusal.SOURCE_NOT_ALLOWED, remote(socket), null);
        closeQuietly(socket);
        continue;
      }
      if (!slots.tryAcquire()) {
        refusedConnections.refuse(Refusal.CONNECTION_LIMIT, remote(socket), "limit " + limits.maxConnections());
        closeQuietly(socket);
        continue;
      }
      Thread.ofVirtual().name("corral-" + name + "-conn").start(() -> {
        serving.add(Thread.currentThread());
        try {
          serve(socket);
        } finally {
          serving.remove(Thread.currentThread());
        }
      });
    }
  }

  private static String remote(Socket socket) {
    return String.valueOf(socket.getRemoteSocketAddress()).replaceFirst("^/", "");
  }

  private void serve(Socket socket) {
    String remote = remote(socket);
    open.add(socket);
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()));
      socket.setTcpNoDelay(true);
      if (socket instanceof SSLSocket ssl && !handshake(ssl, remote)) {
        return;
      }
      handler.handle(new TcpConnection(remote, socket.getInputStream(), socket.getOutputStream()));
    } catch (SocketTimeoutException e) {
      LOG.atDebug().addKeyValue("input", name).addKeyValue("remote", remote).log("idle connection closed");
    } catch (SocketException e) {
      LOG.atDebug().addKeyValue("input", name).addKeyValue("remote", remote).addKeyValue("error", e.toString())
          .log("connection ended");
    } catch (IOException | RuntimeException e) {
      LOG.atWarn().addKeyValue("input", name).addKeyValue("remote", remote).addKeyValue("error", e.toString())
          .log("connection failed");
    } finally {
      open.remove(socket);
      closeQuietly(socket);
      slots.release();
    }
  }

  /**
   * Runs the TLS handshake before the handler reads, so that a failed one (no client certificate
   * where one is required, one the CA did not sign or that expired, plain text, a stall past the idle
   * timeout) is refused and counted, not taken for a broken connection.
   */
  private boolean handshake(SSLSocket ssl, String remote) {
    try {
      ssl.startHandshake();
      return true;
    } catch (IOException e) {
      refusedHandshakes.refuse(Refusal.HANDSHAKE_FAILED, remote, e.getMessage());
      return false;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int port() {
    return server.getLocalPort();
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("open_connections", (long) open.size());
    counters.putAll(refusedConnections.counters());
    if (admission.tls() != null) {
      counters.putAll(refusedHandshakes.counters());
    }
    return counters;
  }

  @Override
  public String admits() {
    return admission.describe();
  }

  /** Connections served right now. */
  public int openConnections() {
    return open.size();
  }

  /** Connections closed on accept because the cap was reached. */
  public long refusedConnections() {
    return refusedConnections.count(Refusal.CONNECTION_LIMIT);
  }

  /**
   * Stops accepting, closes every connection and waits up to {@link #STOP_GRACE_MILLIS} for their
   * handlers to finish, so a batch being stored completes before the WAL behind it closes.
   */
  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    open.forEach(TcpListener::closeQuietly);
    long deadline = System.nanoTime() + STOP_GRACE_MILLIS * 1_000_000L;
    for (Thread thread : serving) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        break;
      }
      try {
        thread.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing on shutdown or refusal: nothing more to do
    }
  }
}
