package dev.corral.server.inputs.socket;

import dev.corral.model.Timestamps;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP server. One thread receives datagrams into a bounded queue as fast as the socket delivers
 * them; another drains the queue in batches into the {@link DatagramHandler}. When processing falls
 * behind and the queue is full, new datagrams are dropped and counted, and the handler is told how
 * many (UDP has no backpressure; this makes the loss visible instead of silent). A datagram from a
 * source the {@link SourceAllowlist} does not admit is dropped on receipt, before it is copied,
 * queued or decoded, and counted ({@code refused_datagrams}); a flood of them costs a counter each.
 */
public final class UdpListener implements InputListener {
  private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
  /** Datagrams waiting for processing: a burst of ~10k messages is absorbed, beyond that they are dropped and counted. */
  public static final int QUEUE_CAPACITY = 10_000;
  /** Datagrams handed to the handler at once: one WAL append per batch. */
  private static final int BATCH = 1_000;
  /** The largest UDP payload over IPv4. */
  private static final int MAX_DATAGRAM = 65_535;
  /** Receive buffer asked of the kernel, so bursts are not dropped before the queue sees them. */
  private static final int RECEIVE_BUFFER = 8 << 20;

  private final String name;
  private final DatagramSocket socket;
  private final DatagramHandler handler;
  private final SourceAllowlist sources;
  private final RefusalCounter refused;
  private final BlockingQueue<Datagram> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private volatile boolean closed;

  private UdpListener(String name, DatagramSocket socket, SourceAllowlist sources, DatagramHandler handler) {
    this.name = name;
    this.socket = socket;
    this.sources = sources;
    this.handler = handler;
    this.refused = new RefusalCounter(name, "refused_datagrams", List.of(Refusal.SOURCE_NOT_ALLOWED));
  }

  /**
   * Binds and starts receiving datagrams from {@code sources}.
   *
   * @throws IOException naming the address when it cannot be bound
   */
  public static UdpListener start(String name, String host, int port, SourceAllowlist sources, DatagramHandler handler)
      throws IOException {
    DatagramSocket socket;
    try {
      socket = new DatagramSocket(null);
      socket.setReuseAddress(true);
      socket.setReceiveBufferSize(RECEIVE_BUFFER);
      socket.bind(new InetSocketAddress(host, port));
    } catch (SocketException e) {
      throw new IOException(name + " cannot listen on udp " + host + ":" + port + ": " + e.getMessage(), e);
    }
    UdpListener listener = new UdpListener(name, socket, sources, handler);
    Thread receiver = new Thread(listener::receiveLoop, "corral-" + name + "-receive");
    receiver.setDaemon(true);
    receiver.start();
    Thread processor = new Thread(listener::processLoop, "corral-" + name + "-process");
    processor.setDaemon(true);
    processor.start();
    return listener;
  }

  private void receiveLoop() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!closed) {
      try {
        packet.setLength(buffer.length);
        socket.receive(packet);
      } catch (IOException e) {
        if (!closed) {
          LOG.atWarn().addKeyValue("input", name).addKeyValue("error", e.toString()).log("receive failed");
        }
        continue;
      }
      received.incrementAndGet();
      if (!sources.admits(packet.getAddress())) {
        refused.refuse(Refusal.SOURCE_NOT_ALLOWED, packet.getAddress().getHostAddress() + ":" + packet.getPort(), null);
        continue;
      }
      Datagram datagram = new Datagram(Arrays.copyOfRange(buffer, packet.getOffset(), packet.getOffset() + packet.getLength()),
          packet.getAddress().getHostAddress() + ":" + packet.getPort(), Timestamps.toNanos(Instant.now()));
      if (!queue.offer(datagram)) {
        dropped.incrementAndGet();
      }
    }
  }

  private void processLoop() {
    long reportedDrops = 0;
    List<Datagram> batch = new ArrayList<>(BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Datagram first = queue.poll(1, TimeUnit.SECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
          handler.handle(List.copyOf(batch));
          batch.clear();
        }
        long drops = dropped.get();
        if (drops > reportedDrops) {
          LOG.atWarn().addKeyValue("input", name).addKeyValue("dropped", drops - reportedDrops)
              .log("udp datagrams dropped: processing fell behind");
          handler.dropped(drops - reportedDrops, Timestamps.toNanos(Instant.now()));
          reportedDrops = drops;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.atError().setCause(e).addKeyValue("input", name).log("udp batch failed");
        batch.clear();
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int port() {
    return socket.getLocalPort();
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("received", received.get());
    counters.put("dropped", dropped.get());
    counters.put("queued", (long) queue.size());
    counters.putAll(refused.counters());
    return counters;
  }

  @Override
  public String admits() {
    return sources.describe();
  }

  /** Datagrams received so far. */
  public long received() {
    return received.get();
  }

  /** Datagrams dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    closed = true;
    socket.close();
  }
}
