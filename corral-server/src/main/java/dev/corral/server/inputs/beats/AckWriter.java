package dev.corral.server.inputs.beats;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Writes the acks of one connection: {@code version 'A' seq:u32}, six bytes, where {@code seq} is the sequence number
 * of the last event of the current window that is durable. An ack below the window's last sequence number is partial:
 * go-lumber's client (Filebeat, Winlogbeat) reads acks until one reaches the window's end, and takes each as a sign of
 * life. So while a batch waits for the WAL, {@link #keepingAlive} repeats the last ack of the window (0 before the
 * first) every {@link BeatsLimits#keepAliveInterval()}; a keep-alive never acknowledges anything new, and none is
 * written once the wait is over, so it can never be mistaken for an ack of the next window. Thread-safe: the
 * connection's thread and its keep-alive thread write under one lock.
 */
final class AckWriter {
  private final OutputStream out;
  private final long keepAliveMillis;
  private final Object lock = new Object();
  private byte version = '2';
  private long acked;

  AckWriter(OutputStream out, Duration keepAliveInterval) {
    this.out = out;
    this.keepAliveMillis = keepAliveInterval.toMillis();
  }

  /** A new window starts: its acks carry {@code version} and count from 0. */
  void startWindow(byte windowVersion) {
    synchronized (lock) {
      version = windowVersion;
      acked = 0;
    }
  }

  /** Acknowledges the events of the window up to {@code seq}, which are durable. */
  void ack(long seq) throws IOException {
    synchronized (lock) {
      write(seq);
      acked = seq;
    }
  }

  /** The last sequence number acknowledged in the current window, 0 before the first. */
  long acked() {
    synchronized (lock) {
      return acked;
    }
  }

  /**
   * Runs {@code store} (which waits for the WAL, perhaps long while the server refuses writes), repeating the last ack
   * meanwhile; when it returns no keep-alive is pending or in flight.
   */
  boolean keepingAlive(BooleanSupplier store) {
    KeepAlive keepAlive = new KeepAlive();
    Thread thread = Thread.ofVirtual().name("corral-beats-keepalive").start(keepAlive::run);
    try {
      return store.getAsBoolean();
    } finally {
      keepAlive.stop();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void write(long seq) throws IOException {
    out.write(new byte[] {version, 'A', (byte) (seq >>> 24), (byte) (seq >>> 16), (byte) (seq >>> 8), (byte) seq});
    out.flush();
  }

  /** Repeats the last ack every interval until stopped; ends quietly when the connection breaks. */
  private final class KeepAlive {
    private boolean stopped;

    void run() {
      synchronized (lock) {
        try {
          while (!stopped) {
            long deadline = System.currentTimeMillis() + keepAliveMillis;
            for (long left = keepAliveMillis; !stopped && left > 0; left = deadline - System.currentTimeMillis()) {
              lock.wait(left);
            }
            if (!stopped) {
              write(acked);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (IOException e) {
          // the connection broke: its reader sees that too and ends it
        }
      }
    }

    void stop() {
      synchronized (lock) {
        stopped = true;
        lock.notifyAll();
      }
    }
  }
}
