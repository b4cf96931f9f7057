package dev.corral.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.Zstd;
import dev.corral.server.TestServer;
import dev.corral.server.archive.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the raw backup's tests share: settings pointing at s3proxy, events with tagged messages, the bucket read back. */
final class BackupTesting {
  private static final Pattern MESSAGE = Pattern.compile("\"message\":\"([^\"]+)\"");
  /** {@code raw/YYYY/MM/DD/HH/<first>-<last>.ndjson.zst} under the prefix. */
  static final Pattern KEY = Pattern.compile("[a-z0-9-]+/raw/\\d{4}/\\d{2}/\\d{2}/\\d{2}/(\\d+)-(\\d+)\\.ndjson\\.zst");

  private BackupTesting() {}

  /** Backup settings pointing at {@code endpoint} under {@code prefix}, with {@code extra} on top. */
  static Map<String, String> settings(String endpoint, String prefix, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of("backup.url", "s3://" + S3TestServer.BUCKET + "/" + prefix,
        "backup.endpoint", endpoint, "backup.region", "us-east-1", "backup.access_key", S3TestServer.ACCESS_KEY,
        "backup.secret_key", S3TestServer.SECRET_KEY, "backup.path_style", "true", "backup.object_seconds", "1s"));
    settings.putAll(extra);
    return settings;
  }

  /** {@code count} events of now, messages {@code <tag>-<i>}. */
  static String events(String tag, int count) {
    String now = Instant.now().toString();
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ndjson.append("{\"timestamp\":\"").append(now).append("\",\"service\":\"backup-test\",\"message\":\"")
          .append(tag).append('-').append(i).append("\",\"pad\":\"").append("x".repeat(64)).append("\"}\n");
    }
    return ndjson.toString();
  }

  /** Every backup object under {@code prefix}: key to its decompressed NDJSON, in key order. */
  static Map<String, String> objects(S3TestServer s3, String prefix) {
    Map<String, String> objects = new TreeMap<>();
    try (S3Client client = s3.client()) {
      for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(S3TestServer.BUCKET).prefix(prefix + "/"))
          .contents()) {
        byte[] compressed = client.getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET).key(object.key())).asByteArray();
        byte[] ndjson = Zstd.decompress(compressed, (int) Zstd.getFrameContentSize(compressed));
        objects.put(object.key(), new String(ndjson, StandardCharsets.UTF_8));
      }
    }
    return objects;
  }

  /** The messages of every event in {@code objects}, duplicates kept. */
  static List<String> messages(Map<String, String> objects) {
    List<String> messages = new ArrayList<>();
    for (String ndjson : objects.values()) {
      for (String line : ndjson.split("\n")) {
        Matcher matcher = MESSAGE.matcher(line);
        if (matcher.find()) {
          messages.add(matcher.group(1));
        }
      }
    }
    return messages;
  }

  /** The server's stats entry {@code backup}. */
  static JsonNode backupStats(TestServer server) {
    return server.get("/api/v1/stats").json().get("backup");
  }

  /** The expected messages {@code <tag>-0} to {@code <tag>-<count-1>}. */
  static List<String> expected(String tag, int count) {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(tag + "-" + i);
    }
    return messages;
  }
}
