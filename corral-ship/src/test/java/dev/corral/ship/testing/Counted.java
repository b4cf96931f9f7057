package dev.corral.ship.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;

/**
 * How many times each numbered line ({@code seq}) of a service is stored, read through the search API
 * ({@code | stats count() by seq}, in ranges that stay under the server's group limit).
 *
 * @param missing   numbers from 1 to the expected count not found
 * @param maxCopies the most copies of any one line
 * @param extra     copies beyond one, summed over all lines
 */
public record Counted(long missing, long maxCopies, long extra) {
  /** Lines per query: under the server's 10,000 groups of a stats table. */
  private static final long RANGE = 5_000;

  public static Counted of(TestServer server, String service, long expected) {
    long missing = 0;
    long maxCopies = 0;
    long extra = 0;
    for (long from = 1; from <= expected; from += RANGE) {
      long to = Math.min(expected, from + RANGE - 1);
      JsonNode table = server.search("service:" + service + " seq:[" + from + " TO " + to
          + "] | stats count() as copies by seq", "&limit=10000");
      JsonNode rows = table.path("rows");
      missing += (to - from + 1) - rows.size();
      for (JsonNode row : rows) {
        long copies = row.path(1).asLong(row.path("copies").asLong());
        maxCopies = Math.max(maxCopies, copies);
        extra += copies - 1;
      }
    }
    return new Counted(missing, maxCopies, extra);
  }
}
