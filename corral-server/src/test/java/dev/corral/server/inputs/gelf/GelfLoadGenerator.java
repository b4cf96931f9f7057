package dev.corral.server.inputs.gelf;

import dev.corral.server.TestServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures events/s through the GELF TCP and UDP inputs of a local server. Run by hand, not part of
 * the test suite: {@code java -cp <test classpath> dev.corral.server.inputs.gelf.GelfLoadGenerator
 * [tcpEvents] [connections] [udpEvents]}. Each figure is from the first byte sent until every event
 * is searchable (durable in the WAL and indexed), so it is the whole ingest path.
 */
public final class GelfLoadGenerator {
  private GelfLoadGenerator() {}

  public static void main(String[] args) throws Exception {
    int tcpEvents = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int udpEvents = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    Path dir = Files.createTempDirectory("gelf-load");
    try (TestServer server = TestServer.start(dir, Map.of("gelf.tcp_port", "0", "gelf.udp_port", "0",
        "store.refresh_interval", "1s"))) {
      tcp(server, tcpEvents, connections);
      udp(server, udpEvents);
    }
  }

  private static byte[] message(String run, int i) {
    return ("{\"version\":\"1.1\",\"host\":\"load-" + (i % 16) + "\",\"short_message\":\"load test message number " + i
        + " with some words to index\",\"level\":6,\"_service\":\"" + run + "\",\"_trace_id\":\"t-" + i
        + "\",\"_user_id\":" + (i % 1000) + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static void tcp(TestServer server, int events, int connections) throws Exception {
    int port = server.server().inputPort("gelf-tcp");
    long start = System.nanoTime();
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int first = c;
      senders.add(Thread.ofPlatform().start(() -> {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
          for (int i = first; i < events; i += connections) {
            out.write(message("load-tcp", i));
            out.write(0);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (Thread sender : senders) {
      sender.join();
    }
    long sent = System.nanoTime();
    long[] stored = awaitStored(server, "service:load-tcp", events);
    report("tcp", events, stored[0], start, sent, stored[1]);
  }

  private static void udp(TestServer server, int events) throws Exception {
    int port = server.server().inputPort("gelf-udp");
    long start = System.nanoTime();
    try (DatagramSocket socket = new DatagramSocket()) {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      for (int i = 0; i < events; i++) {
        byte[] datagram = message("load-udp", i);
        socket.send(new DatagramPacket(datagram, datagram.length, loopback, port));
      }
    }
    long sent = System.nanoTime();
    long[] stored = awaitStored(server, "service:load-udp", events);
    report("udp", events, stored[0], start, sent, stored[1]);
    System.out.println("udp dead letters (queue drops reported): "
        + server.search("logtype:dead_letter AND dead_letter.input:gelf-udp").path("total").asLong());
  }

  /**
   * Waits until {@code expected} events are searchable or the count stops growing for 5 s; returns
   * the count and when it last grew.
   */
  private static long[] awaitStored(TestServer server, String query, long expected) throws InterruptedException {
    long last = -1;
    long grewAt = System.nanoTime();
    while (true) {
      long total = server.search(query).path("total").asLong();
      if (total != last) {
        last = total;
        grewAt = System.nanoTime();
      }
      if (total >= expected || System.nanoTime() - grewAt > 5_000_000_000L) {
        return new long[] {total, grewAt};
      }
      Thread.sleep(20);
    }
  }

  private static void report(String transport, int sent, long stored, long start, long sentAt, long end) {
    double seconds = (end - start) / 1e9;
    System.out.printf("%s: sent %d in %.2f s, %d searchable after %.2f s: %.0f events/s%n", transport, sent,
        (sentAt - start) / 1e9, stored, seconds, stored / seconds);
  }
}
