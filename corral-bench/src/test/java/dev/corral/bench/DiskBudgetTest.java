package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskBudgetTest {
  private static final Path TMP = Path.of("/tmp");

  @Test
  void thirtyMillionFleetEventsFitOnSixtyEightFreeGigabytesWithCorralAlone() {
    long raw = DiskBudget.simulatedBytes(DatasetGenerator.FLEET, 30_000_000);
    DiskBudget.Estimate estimate = DiskBudget.estimate(raw, List.of("none"), false, true, false);

    assertThat(raw).isEqualTo(30_000_000L * DiskBudget.FLEET_BYTES_PER_EVENT);
    assertThat(estimate.neededBytes()).isEqualTo(raw + (long) (raw * DiskBudget.CORRAL) + DiskBudget.MARGIN_BYTES);
    assertThat(DiskBudget.shortfall(estimate, 68_000_000_000L, TMP)).isNull();
  }

  @Test
  void aRunTooBigForTheDiskSaysWhatItNeedsAndWhatIsFree() {
    long raw = DiskBudget.simulatedBytes(DatasetGenerator.IDS, 30_000_000);
    DiskBudget.Estimate estimate = DiskBudget.estimate(raw, List.of("grep", "opensearch"), false, true, false);

    String error = DiskBudget.shortfall(estimate, 10_000_000_000L, TMP);

    assertThat(error).startsWith("not enough free disk space in /tmp: this run needs about ")
        .contains("10.0 GB are free").contains("opensearch 2.3×").contains("the largest of");
    assertThat(estimate.dataBytes()).isEqualTo((long) (raw * DiskBudget.OPENSEARCH));
  }

  @Test
  void keepingEveryDataDirectoryAddsThemUp() {
    long raw = 1_000_000_000L;
    DiskBudget.Estimate kept = DiskBudget.estimate(raw, List.of("grep", "lucene"), true, false, true);

    assertThat(kept.dataBytes()).isEqualTo((long) (raw * (2 * DiskBudget.CORRAL + DiskBudget.GREP + DiskBudget.LUCENE)));
    assertThat(kept.explanation()).contains("all of (--keep)").contains("corral+tls 1.6×");
  }
}
