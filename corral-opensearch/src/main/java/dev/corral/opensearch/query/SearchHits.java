package dev.corral.opensearch.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.model.CanonicalJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@code _search} answer holds for the read side: the exact number of matching documents ({@code
 * track_total_hits: true}), whether a shard ran out of time, and each hit's {@code _source}, byte for
 * byte as OpenSearch returns it: it copies the document's source into its answer unchanged, so it is the
 * event's canonical JSON as the writer sent it (no re-serialization here either: the bytes are cut out of
 * the answer with the parser's offsets).
 *
 * @param total documents matching the query, exactly
 * @param timedOut whether some shard stopped at the request's {@code timeout} (its hits are partial)
 * @param failedShards shards that failed (their hits are missing)
 * @param sources the hits' sources, in the answer's order
 */
record SearchHits(long total, boolean timedOut, int failedShards, List<byte[]> sources) {
  SearchHits {
    sources = List.copyOf(sources);
  }

  /** Reads a {@code _search} answer. */
  static SearchHits read(byte[] answer) throws IOException {
    long total = -1;
    boolean timedOut = false;
    int failed = 0;
    List<byte[]> sources = new ArrayList<>();
    try (JsonParser parser = CanonicalJson.FACTORY.createParser(answer)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "timed_out" -> timedOut = parser.getBooleanValue();
          case "_shards" -> failed = shardsFailed(parser);
          case "hits" -> total = hits(parser, answer, sources);
          default -> parser.skipChildren();
        }
      }
    }
    if (total < 0) {
      throw new IOException("BUG: a _search answer without hits.total: " + new String(answer, 0,
          Math.min(answer.length, 300), java.nio.charset.StandardCharsets.UTF_8));
    }
    return new SearchHits(total, timedOut, failed, sources);
  }

  private static int shardsFailed(JsonParser parser) throws IOException {
    int failed = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("failed")) {
        failed = parser.getIntValue();
      } else {
        parser.skipChildren();
      }
    }
    return failed;
  }

  /** The {@code hits} object: its total, and each hit's source into {@code sources}. */
  private static long hits(JsonParser parser, byte[] answer, List<byte[]> sources) throws IOException {
    long total = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("total") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("value")) {
            total = parser.getLongValue();
          } else {
            parser.skipChildren();
          }
        }
      } else if (name.equals("hits") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          sources.add(source(parser, answer));
        }
      } else {
        parser.skipChildren();
      }
    }
    return total;
  }

  private static byte[] source(JsonParser parser, byte[] answer) throws IOException {
    byte[] source = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("_source")) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        source = Arrays.copyOfRange(answer, start, end);
      } else {
        parser.skipChildren();
      }
    }
    if (source == null) {
      throw new IOException("BUG: a hit without _source (is _source disabled in the index template?)");
    }
    return source;
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("BUG: a _search answer starting with " + actual + ", expected " + expected);
    }
  }
}
