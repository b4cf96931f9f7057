package dev.corral.server.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's server) that records every request it gets — path, headers, raw
 * body — and answers with the statuses queued by {@link #answer} (200 once they are used up). With
 * {@link #hold()} it keeps every request unanswered until {@link #release()}: a receiver that hangs.
 */
final class RecordingReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Received(String method, String path, Map<String, String> headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + new String(body), e);
      }
    }

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
  private volatile CountDownLatch held;
  private volatile String redirect;

  RecordingReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
      synchronized (received) {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
        received.notifyAll();
      }
      CountDownLatch hold = held;
      if (hold != null) {
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String location = redirect;
      if (location != null) {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
        return;
      }
      Integer status = answers.poll();
      byte[] answer = (status == null || status < 300 ? "{\"status\":\"success\"}" : "{\"error\":\"refused\"}")
          .getBytes();
      try {
        exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
        exchange.getResponseBody().write(answer);
      } catch (IOException e) {
        // the client gave up (its timeout): nothing to answer
      }
      exchange.close();
    });
    server.start();
  }

  /** The URL of {@code path} on this receiver. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Queues the statuses the next requests get, in order. */
  RecordingReceiver answer(Integer... statuses) {
    answers.addAll(List.of(statuses));
    return this;
  }

  /** Answers every request from now on with a redirect (302) to {@code location}. */
  RecordingReceiver redirectTo(String location) {
    redirect = location;
    return this;
  }

  /** Keeps every request from now on unanswered until {@link #release()}. */
  void hold() {
    held = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch hold = held;
    held = null;
    if (hold != null) {
      hold.countDown();
    }
  }

  /** Waits until at least {@code count} requests came (at most about 30 s, a loaded machine's worst) and returns all. */
  List<Received> await(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    synchronized (received) {
      while (received.size() < count && System.currentTimeMillis() < deadline) {
        received.wait(100);
      }
      if (received.size() < count) {
        throw new AssertionError("expected " + count + " requests, received " + received.size());
      }
      return List.copyOf(received);
    }
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
