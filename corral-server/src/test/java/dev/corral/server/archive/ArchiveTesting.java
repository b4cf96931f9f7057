package dev.corral.server.archive;

import dev.corral.server.TestServer;
import dev.corral.server.service.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the archive tests share: events of a past day, a server archiving to an s3proxy, the bucket's keys. */
final class ArchiveTesting {
  static final String DAY = "2026-11-19";
  static final String PREFIX = "corral";

  private ArchiveTesting() {}

  /** {@code count} NDJSON events of {@code day}, services {@code checkout} and {@code payment}. */
  static String events(String day, int count, String tag) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ndjson.append("{\"timestamp\":\"").append(day).append("T10:").append(String.format("%02d:%02d", i / 60 % 60, i % 60))
          .append("Z\",\"level\":\"info\",\"service\":\"").append(i % 2 == 0 ? "checkout" : "payment")
          .append("\",\"message\":\"order ").append(i).append(" placed\",\"tag\":\"").append(tag).append("\"}\n");
    }
    return ndjson.toString();
  }

  /** {@code count} events of {@code day} with about 1 KiB of random hex each: files that do not compress below MiBs. */
  static String bulkyEvents(String day, int count, long seed) {
    Random random = new Random(seed);
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      StringBuilder noise = new StringBuilder();
      for (int j = 0; j < 64; j++) {
        noise.append(String.format("%016x", random.nextLong()));
      }
      ndjson.append("{\"timestamp\":\"").append(day).append("T11:00:00Z\",\"service\":\"bulk\",\"message\":\"blob ")
          .append(i).append("\",\"blob\":\"").append(noise).append("\"}\n");
    }
    return ndjson.toString();
  }

  /** A server archiving to {@code s3} under {@link #PREFIX}, with {@code extra} settings and the archive's test seam. */
  static TestServer server(Path data, S3TestServer s3, Map<String, String> extra, UploadSeam seam) throws IOException {
    return server(data, s3.archiveSettings(PREFIX), extra, seam);
  }

  /** A server with the archive {@code archiveSettings}, {@code extra} settings and the archive's test seam. */
  static TestServer server(Path data, Map<String, String> archiveSettings, Map<String, String> extra, UploadSeam seam)
      throws IOException {
    Map<String, String> settings = new HashMap<>(archiveSettings);
    settings.put("archive.after", "0");
    settings.putAll(extra);
    return TestServer.startWith(data, settings, services -> {
      for (Service service : services) {
        if (service instanceof ArchiveService archive) {
          archive.testSeam(seam);
        }
      }
      return new Service() {
        @Override
        public String name() {
          return "archive-test-seam";
        }
      };
    });
  }

  /** Ingests {@code ndjson} and waits until {@code total} events are searchable. */
  static void ingest(TestServer server, String ndjson, long total) throws InterruptedException {
    TestServer.Reply reply = server.ingest(ndjson);
    if (reply.status() != 200) {
      throw new AssertionError("ingest answered " + reply.status() + ": " + reply.body());
    }
    server.awaitTotal("*", total);
  }

  /** Compacts {@code day} to warm; the archive takes warm days only. */
  static void compact(TestServer server, String day) {
    TestServer.Reply reply = server.post("/api/v1/admin/compact?day=" + day, new byte[0]);
    if (reply.status() != 200) {
      throw new AssertionError("compact answered " + reply.status() + ": " + reply.body());
    }
  }

  /** Runs an archive pass now and returns its outcome. */
  static TestServer.Reply runPass(TestServer server) {
    TestServer.Reply reply = server.post("/api/v1/admin/archive/run", new byte[0]);
    if (reply.status() != 200) {
      throw new AssertionError("archive run answered " + reply.status() + ": " + reply.body());
    }
    return reply;
  }

  /** Every key in the bucket under {@code PREFIX/days/day/}. */
  static List<String> keys(S3TestServer s3, String day) {
    try (S3Client client = s3.client()) {
      return client.listObjectsV2Paginator(b -> b.bucket(S3TestServer.BUCKET).prefix(PREFIX + "/days/" + day + "/"))
          .contents().stream().map(S3Object::key).toList();
    }
  }

  /** The keys of {@code day}'s manifests. */
  static List<String> manifests(S3TestServer s3, String day) {
    return keys(s3, day).stream().filter(key -> key.endsWith("/manifest.json")).toList();
  }

  /** The manifest at {@code key}, parsed. */
  static ArchiveManifest manifest(S3TestServer s3, String key) throws IOException {
    try (S3Client client = s3.client()) {
      return ArchiveManifest.parse(client.getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET).key(key)).asByteArray(), key);
    }
  }
}
