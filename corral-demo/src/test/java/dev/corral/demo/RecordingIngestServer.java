package dev.corral.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for Corral's ingest endpoint on a free port: records every request and answers as
 * the test scripts it (by default 200 with every line accepted).
 */
final class RecordingIngestServer implements AutoCloseable {
  /** One request as received, body already un-gzipped. */
  record Received(String contentType, String contentEncoding, String body) {
    List<String> lines() {
      return body.lines().toList();
    }
  }

  /** A scripted answer; {@code retryAfter} may be null. */
  record Answer(int status, String retryAfter, String body) {}

  /** Decides the answer to the n-th request (0-based). */
  interface Script {
    Answer answer(int index, Received request);
  }

  static Answer acceptAll(Received request) {
    return new Answer(200, null, "{\"accepted\":" + request.lines().size() + ",\"rejected\":0,\"errors\":[]}");
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Script script = (i, r) -> acceptAll(r);

  RecordingIngestServer() throws IOException {
    this(0);
  }

  RecordingIngestServer(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/api/v1/ingest", this::handle);
    server.start();
  }

  void script(Script newScript) {
    this.script = newScript;
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return received;
  }

  int linesReceived() {
    return received.stream().mapToInt(r -> r.lines().size()).sum();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readAllBytes();
    }
    byte[] body = "gzip".equals(encoding) ? new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes() : raw;
    Received request = new Received(exchange.getRequestHeaders().getFirst("Content-Type"), encoding,
        new String(body, StandardCharsets.UTF_8));
    int index;
    synchronized (received) {
      index = received.size();
      received.add(request);
    }
    Answer answer = script.answer(index, request);
    if (answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
