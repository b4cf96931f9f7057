package dev.corral.server.inputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.util.HashMap;
import java.util.Map;

/** Counts records by their unique id across servers: every record stored, none twice. */
final class StoredOnce {
  /** Ids one check can count: a result table's row limit (search.max_limit). */
  private static final int MAX_IDS = 10_000;

  private StoredOnce() {}

  /**
   * Every one of {@code records} records of {@code service} exactly once over {@code servers}: each server's events
   * counted by {@code idField}, added up over the servers, give {@code records} ids each seen once.
   */
  static void assertEachOnce(String service, String idField, int records, TestServer... servers) {
    assertThat(records).isLessThanOrEqualTo(MAX_IDS);
    Map<String, Long> copies = new HashMap<>();
    for (TestServer server : servers) {
      server.search("service:" + service + " | stats count() as copies by " + idField, "&limit=" + MAX_IDS)
          .path("rows").forEach(row -> copies.merge(row.get(0).asText(), row.get(1).asLong(), Long::sum));
    }
    assertThat(copies).as("distinct %s of %s over the servers", idField, service).hasSize(records);
    assertThat(copies.entrySet()).as("%s of %s stored more than once", idField, service)
        .filteredOn(entry -> entry.getValue() != 1).isEmpty();
  }
}
