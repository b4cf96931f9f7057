package dev.corral.bench;

import static dev.corral.bench.BenchResultsFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  @Test
  void rendersOneRowPerFigureWithRatiosAndTheWarmQueriesOnlyWhereAPeerHasAWarmStep() {
    BenchResults corral = results("corral", 20_000, 0.8, 0.4, 1, 2, 3);
    BenchResults opensearch = results("opensearch", 10_000, 0.5, 0.3, 2, 4, 6);
    BenchResults grep = results("rg+jq", 500_000, Double.NaN, 0, 4, 5, Double.NaN);

    String md = MarkdownReport.render(List.of(corral, opensearch, grep));

    assertThat(md).contains("| Figure | corral | opensearch | corral / opensearch | rg+jq | corral / rg+jq |");
    assertThat(md).contains("| Durable ingest, events/s (after 5% warm-up) | 20,000 | 10,000 | 2.00× | 500,000 | 0.04× |");
    assertThat(md).contains("| Index bytes per raw byte (warm) | 0.20 | 0.12 | 1.60× | n/a | n/a |");
    assertThat(md).contains("| Query `trace_id lookup`: p50 / p99 ms, server (wall) | 1 / 1 (1 / 1) | 1 / 2 (1 / 2) | 0.50× | 2 / 4 (2 / 4) | 0.25× |");
    assertThat(md).contains("| Query `trace_id lookup`, warm index: p50 / p99 ms, server (wall) | 1 / 1 (1 / 1) | 1 / 2 (1 / 2) | 0.50× | n/a | n/a |");
    assertThat(md.lines().filter(line -> line.contains(", warm index:")).count()).isEqualTo(3);
    assertThat(md).contains("| Query `trace_id lookup`, cold (restart + page cache dropped): p50 / p99 ms, server (wall) | 1 / 1 (1 / 1) | 1 / 2 (1 / 2) | 0.50× | 2 / 4 (2 / 4) | 0.25× |");
  }

  @Test
  void theMixedPhaseAddsRowsForBothSidesWithNaForAPeerWithoutIt() {
    BenchResults corral = results("corral", 20_000, 0.8, 0.4, 1, 2, 3);
    MixedFigures mixed = new MixedFigures(80, 20_000, 190_000, 0, 11.875, corral.queries());
    BenchResults grep = results("rg+jq", 500_000, Double.NaN, 0, 4, 5, Double.NaN);

    String md = MarkdownReport.render(List.of(corral.withMixed(mixed), grep));

    assertThat(md).startsWith("Dataset: fleet, 200,000 events, 116.2 MiB NDJSON (609 B per event), 0 batches.");
    assertThat(md).contains("| Mixed phase: ingest pace, events/s (80% of the durable rate alone) | 16,000 | n/a | n/a |");
    assertThat(md).contains("| Mixed phase: durable ingest achieved, events/s | 16,000 | n/a | n/a |");
    assertThat(md).contains("| Mixed phase: runs of each query (round robin, one client) | 20 | n/a | n/a |");
    assertThat(md).contains("| Query `trace_id lookup`, during ingest: p50 / p99 ms, server (wall) | 1 / 1 (1 / 1) | n/a | n/a |");
    assertThat(md.lines().filter(line -> line.contains(", during ingest:")).count()).isEqualTo(3);
  }
}
