package dev.corral.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts batch files to {@code POST /api/v1/ingest} from a fixed number of concurrent clients, each
 * waiting for the durable acknowledgement before sending its next batch. 429 and 503 answers are
 * retried after their {@code Retry-After}; any other error stops the upload.
 */
public final class BatchUploader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_RETRY_AFTER_SECONDS = 1;
  /** Backpressure that lasts this many retries of one batch means the server is stuck, not busy. */
  private static final int MAX_RETRIES = 600;

  /** Totals of one {@link #upload}. */
  public record Totals(long events, long bytes, long rejected, long retries) {}

  private final URI ingest;
  private final int clients;

  public BatchUploader(URI base, int clients) {
    if (clients < 1) {
      throw new IllegalArgumentException("clients (" + clients + ") must be >= 1");
    }
    this.ingest = base.resolve("/api/v1/ingest");
    this.clients = clients;
  }

  /** Uploads every batch and returns once all of them are acknowledged. */
  public Totals upload(List<Path> batches) throws IOException, InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong events = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(pool.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
            byte[] body = Files.readAllBytes(batches.get(i));
            JsonNode answer = post(client, body, batches.get(i), retries);
            events.addAndGet(answer.path("accepted").asLong());
            rejected.addAndGet(answer.path("rejected").asLong());
            bytes.addAndGet(body.length);
          }
          return null;
        }));
      }
      for (Future<Void> worker : workers) {
        try {
          worker.get();
        } catch (ExecutionException e) {
          throw new IOException("ingest failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Totals(events.get(), bytes.get(), rejected.get(), retries.get());
  }

  private JsonNode post(HttpClient client, byte[] body, Path file, AtomicLong retries)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(ingest).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status == 200) {
        return JSON.readTree(response.body());
      }
      if (status != 429 && status != 503) {
        throw new IOException("POST " + ingest + " of " + file + " answered " + status + ": " + response.body());
      }
      retries.incrementAndGet();
      long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse((long) DEFAULT_RETRY_AFTER_SECONDS);
      Thread.sleep(Math.max(1, wait) * 1000);
    }
    throw new IOException("POST of " + file + " still refused after " + MAX_RETRIES + " retries");
  }
}
