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
 * Posts batch files to an ingest endpoint from a fixed number of concurrent clients, each waiting
 * for the durable acknowledgement before sending its next batch: Corral's {@code POST
 * /api/v1/ingest} by default, any other endpoint with its own {@link AnswerReader}. 429 and 503
 * answers are retried after their {@code Retry-After}; any other error stops the upload.
 */
public final class BatchUploader {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Corral's ingest answer: {@code {"accepted": N, "rejected": M, …}}. */
  private static final AnswerReader CORRAL_ANSWER = body -> {
    JsonNode answer = JSON.readTree(body);
    return new Counts(answer.path("accepted").asLong(), answer.path("rejected").asLong());
  };
  private static final int DEFAULT_RETRY_AFTER_SECONDS = 1;
  /** Backpressure that lasts this many retries of one batch means the server is stuck, not busy. */
  private static final int MAX_RETRIES = 600;

  /** Totals of one {@link #upload}. */
  public record Totals(long events, long bytes, long rejected, long retries) {}

  /** Events one acknowledged batch took in and refused. */
  public record Counts(long accepted, long rejected) {}

  /** Reads a 200 answer's body; called concurrently from every client thread. */
  @FunctionalInterface
  public interface AnswerReader {
    Counts read(String body) throws IOException;
  }

  private final URI ingest;
  private final String contentType;
  private final AnswerReader reader;
  private final int clients;
  /** The {@code Authorization} header sent with every batch, or null for none. */
  private final String authorization;

  /**
   * Uploads to a Corral server's {@code POST /api/v1/ingest} at {@code base}.
   *
   * @param apiKey the key sent as {@code Authorization: Bearer}, or null when the server needs none
   */
  public BatchUploader(URI base, int clients, String apiKey) {
    this(base.resolve("/api/v1/ingest"), "application/x-ndjson", CORRAL_ANSWER, clients,
        apiKey == null ? null : "Bearer " + apiKey);
  }

  /** Uploads to {@code endpoint}, each batch file as the body of one {@code POST} with {@code contentType}. */
  public BatchUploader(URI endpoint, String contentType, AnswerReader reader, int clients) {
    this(endpoint, contentType, reader, clients, null);
  }

  private BatchUploader(URI endpoint, String contentType, AnswerReader reader, int clients, String authorization) {
    if (clients < 1) {
      throw new IllegalArgumentException("clients (" + clients + ") must be >= 1");
    }
    this.ingest = endpoint;
    this.contentType = contentType;
    this.reader = reader;
    this.clients = clients;
    this.authorization = authorization;
  }

  /** Uploads every batch and returns once all of them are acknowledged. */
  public Totals upload(List<Path> batches) throws IOException, InterruptedException {
    return upload(batches, null);
  }

  /**
   * Uploads every batch, each client waiting for {@code pacer} (null: none) before each send, and returns
   * once all of them are acknowledged.
   */
  public Totals upload(List<Path> batches, BatchPacer pacer) throws IOException, InterruptedException {
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
            if (pacer != null) {
              pacer.await();
            }
            byte[] body = Files.readAllBytes(batches.get(i));
            Counts answer = post(client, body, batches.get(i), retries);
            events.addAndGet(answer.accepted());
            rejected.addAndGet(answer.rejected());
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

  private Counts post(HttpClient client, byte[] body, Path file, AtomicLong retries)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(ingest).header("Content-Type", contentType);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status == 200) {
        return reader.read(response.body());
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
