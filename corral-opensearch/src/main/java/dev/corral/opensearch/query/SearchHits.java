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
 * the answer with the parser's offsets). A page of a point-in-time search ({@link #readPage}) also
 * carries the last hit's sort values, where the next page starts ({@code search_after}), and the point
 * in time's id as the answer gives it.
 *
 * @param total documents matching the query, exactly; -1 for a page, which does not count them
 * @param timedOut whether some shard stopped at the request's {@code timeout} (its hits are partial)
 * @param failedShards shards that failed (their hits are missing)
 * @param sources the hits' sources, in the answer's order
 * @param lastSort the last hit's {@code sort} array as JSON, byte for byte; null when there is no hit or
 *     the search was not sorted
 * @param pitId the answer's {@code pit_id}, null for a search without a point in time
 */
record SearchHits(long total, boolean timedOut, int failedShards, List<byte[]> sources, byte[] lastSort,
    String pitId) {
  SearchHits {
    sources = List.copyOf(sources);
  }

  /** No hit: the answer of a search over no index. */
  static SearchHits none() {
    return new SearchHits(0, false, 0, List.of(), null, null);
  }

  /** Reads a {@code _search} answer that counts its hits ({@code track_total_hits: true}). */
  static SearchHits read(byte[] answer) throws IOException {
    SearchHits hits = readPage(answer);
    if (hits.total() < 0) {
      throw new IOException("BUG: a _search answer without hits.total: " + new String(answer, 0,
          Math.min(answer.length, 300), java.nio.charset.StandardCharsets.UTF_8));
    }
    return hits;
  }

  /** Reads a {@code _search} answer that may not count its hits (a page of a point-in-time search). */
  static SearchHits readPage(byte[] answer) throws IOException {
    boolean timedOut = false;
    int failed = 0;
    String pitId = null;
    Hits hits = new Hits(answer);
    try (JsonParser parser = CanonicalJson.FACTORY.createParser(answer)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "timed_out" -> timedOut = parser.getBooleanValue();
          case "_shards" -> failed = shardsFailed(parser);
          case "pit_id" -> pitId = parser.getText();
          case "hits" -> hits.read(parser);
          default -> parser.skipChildren();
        }
      }
    }
    return new SearchHits(hits.total, timedOut, failed, hits.sources, hits.lastSort, pitId);
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

  /** The {@code hits} object of one answer as it is read: its total, each hit's source, the last hit's sort values. */
  private static final class Hits {
    private final byte[] answer;
    private final List<byte[]> sources = new ArrayList<>();
    private long total = -1;
    private byte[] lastSort;

    Hits(byte[] answer) {
      this.answer = answer;
    }

    void read(JsonParser parser) throws IOException {
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
            hit(parser);
          }
        } else {
          parser.skipChildren();
        }
      }
    }

    /** One hit: its source into {@link #sources}, its sort values into {@link #lastSort}. */
    private void hit(JsonParser parser) throws IOException {
      byte[] source = null;
      byte[] sort = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "_source" -> source = copied(parser);
          case "sort" -> sort = copied(parser);
          default -> parser.skipChildren();
        }
      }
      if (source == null) {
        throw new IOException("BUG: a hit without _source (is _source disabled in the index template?)");
      }
      sources.add(source);
      lastSort = sort;
    }

    /** The value the parser is at, byte for byte as the answer holds it. */
    private byte[] copied(JsonParser parser) throws IOException {
      int start = (int) parser.currentTokenLocation().getByteOffset();
      parser.skipChildren();
      int end = (int) parser.currentLocation().getByteOffset();
      return Arrays.copyOfRange(answer, start, end);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("BUG: a _search answer starting with " + actual + ", expected " + expected);
    }
  }
}
