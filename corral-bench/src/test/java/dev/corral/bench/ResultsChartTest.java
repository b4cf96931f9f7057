package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsChartTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final Dataset DATASET = new Dataset(List.of(), 200_000, 121_795_707, List.of("abc"));
  private static final BenchResults.Machine MACHINE = new BenchResults.Machine(2, "OpenJDK 25", "Linux amd64");

  @TempDir
  Path tmp;

  @Test
  void writesAPngOfTheDocumentedSizeForSeveralPeersWithMissingFigures() throws IOException {
    Path png = tmp.resolve("results.png");

    ResultsChart.write(List.of(
        results("corral", 23_859, 0.89, 0.47, 1, 7, 57),
        results("rg+jq", 629_350, 1.00, 0, 2, 42, Double.NaN),
        results("lucene", 23_866, 0.49, 0, 3, 5, Double.NaN)), png);

    assertThat(Files.readAllBytes(png)).startsWith(PNG_SIGNATURE);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(ResultsChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(ResultsChart.HEIGHT);
    assertThat(distinctColours(image)).as("bars, text and axes were drawn").isGreaterThan(20);
  }

  @Test
  void anyNumberOfPeersFitsEvenWithDuplicateNames() throws IOException {
    List<BenchResults> peers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      peers.add(results(i < 4 ? "peer" + i : "same", 10_000 * (i + 1), 0.2 * (i + 1), 0.1, 1, 4 + i, 40 * (i + 1)));
    }
    Path png = tmp.resolve("six.png");

    ResultsChart.write(peers, png);

    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(ResultsChart.WIDTH);
  }

  @Test
  void aSinglePeerWithoutAnyQueryAnswerStillCharts() throws IOException {
    Path png = tmp.resolve("one.png");

    ResultsChart.write(List.of(results("corral", 1_000, Double.NaN, 0, 0, Double.NaN, Double.NaN)), png);

    assertThat(ImageIO.read(png.toFile()).getHeight()).isEqualTo(ResultsChart.HEIGHT);
  }

  @Test
  void refusesAnEmptyResultList() {
    assertThatThrownBy(() -> ResultsChart.write(List.of(), tmp.resolve("none.png")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no results to chart");
  }

  /** A peer's results: ingest rate, index and WAL bytes per raw byte, and the p99 of three queries. */
  private static BenchResults results(String peer, double eventsPerSecond, double indexPerRawByte,
      double walPerRawByte, double p99First, double p99Second, double p99Third) {
    long measured = 190_000;
    IngestFigures ingest = new IngestFigures(measured, 110_000_000, measured / eventsPerSecond, DATASET.events(),
        DATASET.events() / eventsPerSecond * 1.3, 0.5, 0);
    long raw = DATASET.rawBytes();
    long index = Double.isNaN(indexPerRawByte) ? -1 : (long) (indexPerRawByte * raw);
    long wal = (long) (walPerRawByte * raw);
    Footprint footprint = new Footprint(index, wal, Math.max(index, 0) + wal, 1L << 30, 20.5);
    List<BenchQuery> queries = BenchQuery.standard(DATASET.traceIds()).subList(0, 3);
    double[] p99 = {p99First, p99Second, p99Third};
    List<QueryBenchmark.Timing> timings = new ArrayList<>();
    for (int q = 0; q < 3; q++) {
      LatencySummary wall = Double.isNaN(p99[q]) ? LatencySummary.NONE : new LatencySummary(p99[q] / 2, p99[q], 20);
      timings.add(new QueryBenchmark.Timing(queries.get(q), wall, wall, 7));
    }
    long warm = Double.isNaN(indexPerRawByte) ? -1 : (long) (indexPerRawByte * raw / 4);
    return new BenchResults(peer, MACHINE, DATASET, ingest, footprint, timings, warm);
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
