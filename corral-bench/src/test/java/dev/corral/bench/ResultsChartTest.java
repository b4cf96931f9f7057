package dev.corral.bench;

import static dev.corral.bench.BenchResultsFixture.results;
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
