package dev.corral.server.inputs.socket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP (or TLS) server: accepts on one virtual thread, serves each connection on its own virtual
 * thread with a {@link ConnectionHandler}, refuses connections beyond the cap, and closes those
 * idle longer than the timeout. Thread-safe; {@link #close()} stops accepting and closes every
 * open connection.
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
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean closed;

  private TcpListener(String name, ServerSocket server, TcpLimits limits, ConnectionHandler handler) {
    this.name = name;
    this.server = server;
    this.limits = limits;
    this.handler = handler;
    this.slots = new Semaphore(limits.maxConnections());
  }

  /**
   * Binds and starts accepting.
   *
   * @param tls the TLS context for a TLS listener, or null for plain TCP
   * @throws IOException naming the address when it cannot be bound
   */
  public static TcpListener start(String name, String host, int port, SSLContext tls, TcpLimits limits,
      ConnectionHandler handler) throws IOException {
    ServerSocket server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
    if (server instanceof SSLServerSocket ssl) {
      ssl.setNeedClientAuth(false);
    }
    try {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(host, port), BACKLOG);
    } catch (IOException e) {
      server.close();
      throw new IOException(name + " cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    TcpListener listener = new TcpListener(name, server, limits, handler);
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
      if (!slots.tryAcquire()) {
        refused.incrementAndGet();
        LOG.atWarn().addKeyValue("input", name).addKeyValue("remote", socket.getRemoteSocketAddress())
            .addKeyValue("limit", limits.maxConnections()).log("too many connections; closing the new one");
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

  private void serve(Socket socket) {
    String remote = String.valueOf(socket.getRemoteSocketAddress()).replaceFirst("^/", "");
    open.add(socket);
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()));
      socket.setTcpNoDelay(true);
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

  @Override
  public String name() {
    return name;
  }

  @Override
  public int port() {
    return server.getLocalPort();
  }

  @Override
  public java.util.Map<String, Long> counters() {
    return java.util.Map.of("open_connections", (long) open.size(), "refused_connections", refused.get());
  }

  /** Connections served right now. */
  public int openConnections() {
    return open.size();
  }

  /** Connections closed on accept because the cap was reached. */
  public long refusedConnections() {
    return refused.get();
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
