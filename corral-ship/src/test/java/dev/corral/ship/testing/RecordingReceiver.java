package dev.corral.ship.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP receiver on 127.0.0.1 that records every request (headers, the decompressed body, when it came) and
 * answers what the test's script says for it: for checking what the shipper sends and how it reacts to answers
 * a real server gives only under load (429, 503, 413, per-item {@code _bulk} errors).
 */
public final class RecordingReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

  /**
   * One request as it arrived; {@code body} gunzipped when it came with {@code Content-Encoding: gzip}.
   *
   * @param path    the path
   * @param query   the query string, or null
   * @param headers the headers
   * @param body    the body
   * @param nanos   when it came ({@link System#nanoTime()})
   */
  public record Received(String path, String query, Map<String, List<String>> headers, String body, long nanos) {
    public String header(String name) {
      return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
    }

    public List<String> lines() {
      return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }
  }

  /**
   * An answer: status, body and headers (name, value pairs).
   *
   * @param status  the HTTP status
   * @param body    the body
   * @param headers name, value pairs
   */
  public record Answer(int status, String body, String... headers) {
    public static Answer ok(String body) {
      return new Answer(200, body);
    }
  }

  private RecordingReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free port; {@code script} answers the n-th request (0-based) given what it carried. */
  public static RecordingReceiver start(ScriptedAnswers script) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    RecordingReceiver receiver = new RecordingReceiver(http);
    http.createContext("/", exchange -> {
      try (exchange) {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
          raw = in.readAllBytes();
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        String body = new String("gzip".equals(encoding)
            ? new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes() : raw, StandardCharsets.UTF_8);
        Received request = new Received(exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime());
        int index;
        synchronized (receiver.received) {
          index = receiver.received.size();
          receiver.received.add(request);
        }
        Answer answer = script.answer(index, request);
        for (int i = 0; i + 1 < answer.headers().length; i += 2) {
          exchange.getResponseHeaders().add(answer.headers()[i], answer.headers()[i + 1]);
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
          exchange.getResponseBody().write(out);
        }
      }
    });
    http.start();
    return receiver;
  }

  /** Answers the n-th request. */
  @FunctionalInterface
  public interface ScriptedAnswers {
    Answer answer(int index, Received request);
  }

  /** A script: answers from {@code first} for the first requests, then {@code rest} for every later one. */
  public static ScriptedAnswers firstThen(List<Answer> first, Function<Received, Answer> rest) {
    return (index, request) -> index < first.size() ? first.get(index) : rest.apply(request);
  }

  /** Corral's answer for a request whose lines were all accepted. */
  public static Answer corralAccepted(Received request) {
    return Answer.ok("{\"accepted\":" + request.lines().size() + ",\"rejected\":0,\"errors\":[]}");
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
