package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TopPipe;
import dev.corral.query.table.NumberText;
import dev.corral.query.table.Table;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random events over several days and segments (separate batches, refreshed in between), grouped
 * by the store and by a plain map in the test: counts and sums must agree exactly.
 */
class TestQueryAggregationsRandomized {
  @TempDir Path dir;

  @Test
  void statsAndTopAgreeWithAPlainComputationAcrossSegmentsAndPartitions() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("statsAndTopAgreeWithAPlainComputationAcrossSegmentsAndPartitions seed=" + seed);
    Random random = new Random(seed);
    Map<List<String>, long[]> expected = new HashMap<>(); // key -> {count, sum}
    Map<String, Long> hosts = new HashMap<>();
    try (LogStore store = LogStore.open(config(dir))) {
      TestWal wal = new TestWal();
      Instant start = Instant.parse("2026-11-18T00:00:00Z");
      for (int batch = 0; batch < 6; batch++) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          Map<String, Object> fields = new LinkedHashMap<>();
          String service = random.nextInt(8) == 0 ? null : "svc-" + random.nextInt(5);
          Object code = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "E" + random.nextInt(3);
            case 2 -> (long) (200 + random.nextInt(3));
            default -> String.valueOf(200 + random.nextInt(3)); // same group as the number
          };
          long bytes = random.nextInt(1000);
          if (service != null) {
            fields.put("service", service);
          }
          if (code != null) {
            fields.put("code", code);
          }
          fields.put("bytes", bytes);
          String host = "h" + random.nextInt(30);
          fields.put("host", host);
          hosts.merge(host, 1L, Long::sum);
          Instant time = start.plusSeconds(random.nextInt(4 * 86_400));
          events.add(StoreTesting.event(time, Level.INFO, "m", fields));
          String codeText = code == null ? null : code instanceof Long l ? NumberText.of(l) : (String) code;
          long[] state = expected.computeIfAbsent(Arrays.asList(service, codeText), k -> new long[2]);
          state[0]++;
          state[1] += bytes;
        }
        wal.appendAndSubmit(store, events);
        store.awaitIndexed(); // a new segment per batch
      }
      Aggregation count = new Aggregation(AggFunction.COUNT, null, Double.NaN, "n");
      Aggregation sum = new Aggregation(AggFunction.SUM, "bytes", Double.NaN, "s");
      Table table = store.searcher().query(QueryCorpus.request(List.of(new StatsPipe(List.of(count, sum),
          List.of("service", "code"))))).table();
      TreeMap<List<String>, long[]> sorted = new TreeMap<>(TestQueryAggregationsRandomized::compareKeys);
      sorted.putAll(expected);
      List<List<Object>> rows = new ArrayList<>();
      sorted.forEach((key, state) -> rows.add(Arrays.asList(key.get(0), key.get(1), state[0], (double) state[1])));
      assertThat(table.rows()).isEqualTo(rows);

      Table top = store.searcher().query(QueryCorpus.request(List.of(new TopPipe(5, "host")))).table();
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(hosts.entrySet());
      ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      List<List<Object>> topRows = new ArrayList<>();
      for (Map.Entry<String, Long> e : ranked.subList(0, 5)) {
        topRows.add(List.of(e.getKey(), e.getValue(), 100.0 * e.getValue() / 1800));
      }
      assertThat(top.rows()).isEqualTo(topRows);
    }
  }

  private static int compareKeys(List<String> a, List<String> b) {
    Comparator<String> value = Comparator.nullsLast(Comparator.naturalOrder());
    int c = value.compare(a.get(0), b.get(0));
    return c != 0 ? c : value.compare(a.get(1), b.get(1));
  }
}
