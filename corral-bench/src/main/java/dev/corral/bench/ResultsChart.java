package dev.corral.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * Draws {@link BenchResults} as one PNG ({@code results.png}) with XChart, headless: three panels
 * of grouped bars, one bar colour per peer and one group per figure, so any number of peers fits.
 * Top left, ingest events/s (durable and fully indexed); top right, disk bytes per raw NDJSON byte
 * (index and index + WAL after ingest, index after compaction to warm); below, the wall-clock p99
 * of each query on a logarithmic axis, since peers differ by orders of magnitude. A figure a peer
 * does not have (NaN, negative, or a query it does not answer) has no bar.
 */
public final class ResultsChart {
  /** Image size in pixels: readable on a laptop screen and in a Markdown page. */
  public static final int WIDTH = 1400;
  public static final int HEIGHT = 1000;
  private static final int HEADER_HEIGHT = 40;
  /** Height of the top row (ingest, bytes per raw byte); the query panel takes the rest. */
  private static final int TOP_ROW_HEIGHT = 420;
  /**
   * On the log axis the shortest bar rises at least this factor above the axis floor (a decade
   * boundary), or the floor moves a decade lower: a bar of 11 ms above a floor of 10 would vanish.
   */
  private static final double MIN_BAR_FACTOR = 3;
  /** Query names are long; tilted they fit next to each other. */
  private static final int QUERY_LABEL_ROTATION = 12;
  private static final double MIB = 1024.0 * 1024.0;
  private static final Font HEADER_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

  private ResultsChart() {}

  /** Renders the chart and writes it as a PNG file of {@link #WIDTH} × {@link #HEIGHT} pixels. */
  public static void write(List<BenchResults> results, Path png) throws IOException {
    BufferedImage image = render(results);
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IllegalStateException("BUG: the JDK has no PNG writer");
    }
  }

  /** The chart as an image; the first result's dataset and machine go into the header. */
  static BufferedImage render(List<BenchResults> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no results to chart");
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      header(g, results.get(0));
      int half = WIDTH / 2;
      int queriesHeight = HEIGHT - HEADER_HEIGHT - TOP_ROW_HEIGHT;
      paint(g, ingest(results, half, TOP_ROW_HEIGHT), 0, HEADER_HEIGHT);
      paint(g, bytesPerRawByte(results, WIDTH - half, TOP_ROW_HEIGHT), half, HEADER_HEIGHT);
      paint(g, queryP99(results, WIDTH, queriesHeight), 0, HEADER_HEIGHT + TOP_ROW_HEIGHT);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void header(Graphics2D g, BenchResults first) {
    Dataset d = first.dataset();
    String text = String.format(Locale.ROOT, "corral bench: %,d events, %.1f MiB NDJSON · %d cores, %s, %s",
        d.events(), d.rawBytes() / MIB, first.machine().processors(), first.machine().jvm(), first.machine().os());
    g.setColor(Color.DARK_GRAY);
    g.setFont(HEADER_FONT);
    g.drawString(text, 16, HEADER_HEIGHT - 14);
  }

  private static CategoryChart ingest(List<BenchResults> results, int width, int height) {
    CategoryChart chart = chart("Ingest rate (higher is better)", "events/s", width, height);
    chart.getStyler().setYAxisDecimalPattern("#,###");
    addSeries(chart, results, List.of("durable (acknowledged)", "fully indexed (searchable)"),
        List.of(r -> r.ingest().durableEventsPerSecond(), r -> r.ingest().indexedEventsPerSecond()));
    return chart;
  }

  private static CategoryChart bytesPerRawByte(List<BenchResults> results, int width, int height) {
    CategoryChart chart = chart("Disk per raw NDJSON byte (lower is better)", "bytes per raw byte", width, height);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    addSeries(chart, results, List.of("index (hot)", "index + WAL (hot)", "index (warm)"),
        List.of(r -> (double) r.footprint().indexBytes() / r.dataset().rawBytes(),
            r -> (double) (r.footprint().indexBytes() + r.footprint().logBytes()) / r.dataset().rawBytes(),
            r -> r.warmIndexBytes() < 0 ? Double.NaN : (double) r.warmIndexBytes() / r.dataset().rawBytes()));
    return chart;
  }

  private static CategoryChart queryP99(List<BenchResults> results, int width, int height) {
    CategoryChart chart = chart("Query latency p99, wall clock (log scale, lower is better)", "ms", width, height);
    chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(true)
        .setXAxisLabelRotation(QUERY_LABEL_ROTATION);
    List<String> names = results.get(0).queries().stream().map(t -> t.query().name()).toList();
    List<ToDoubleFunction<BenchResults>> figures = new ArrayList<>();
    for (int q = 0; q < names.size(); q++) {
      int index = q;
      figures.add(r -> index < r.queries().size() ? r.queries().get(index).wall().p99() : Double.NaN);
    }
    addSeries(chart, results, names, figures);
    logAxis(chart);
    return chart;
  }

  /**
   * Fixes a logarithmic axis to whole decades around the bars (XChart starts a bar chart's axis at
   * 0 otherwise, which a log axis cannot show; without any bar it spans 1 to 10), with a decimal
   * only when some bar is below 10.
   */
  private static void logAxis(CategoryChart chart) {
    DoubleSummaryStatistics bars = chart.getSeriesMap().values().stream()
        .flatMap(series -> series.getYData().stream())
        .filter(java.util.Objects::nonNull)
        .mapToDouble(Number::doubleValue)
        .summaryStatistics();
    double min = bars.getCount() == 0 ? 1 : Math.pow(10, Math.floor(Math.log10(bars.getMin() / MIN_BAR_FACTOR)));
    double max = bars.getCount() == 0 ? 10 : Math.pow(10, Math.ceil(Math.log10(bars.getMax())));
    chart.getStyler().setYAxisMin(min).setYAxisMax(max > min ? max : min * 10)
        .setYAxisDecimalPattern(bars.getCount() > 0 && bars.getMin() < 10 ? "#,##0.#" : "#,##0");
  }

  private static CategoryChart chart(String title, String yAxis, int width, int height) {
    CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).yAxisTitle(yAxis)
        .theme(Styler.ChartTheme.XChart).build();
    CategoryStyler styler = chart.getStyler();
    // Values at the top of each bar, in dark text: readable on every bar colour and above short bars.
    styler.setLabelsVisible(true).setLabelsFont(LABEL_FONT).setLabelsRotation(0).setLabelsPosition(1.0)
        .setLabelsFontColorAutomaticEnabled(false).setLabelsFontColor(Color.BLACK).setAvailableSpaceFill(0.8);
    styler.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
        .setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  /** One series per peer, one value per figure; figures a peer lacks stay empty (null). */
  private static void addSeries(CategoryChart chart, List<BenchResults> results, List<String> categories,
      List<ToDoubleFunction<BenchResults>> figures) {
    Set<String> names = new HashSet<>();
    for (BenchResults peer : results) {
      List<Double> values = new ArrayList<>(figures.size());
      for (ToDoubleFunction<BenchResults> figure : figures) {
        values.add(bar(figure.applyAsDouble(peer)));
      }
      String name = peer.peer();
      for (int n = 2; !names.add(name); n++) {
        name = peer.peer() + " #" + n;
      }
      chart.addSeries(name, categories, values);
    }
  }

  /** The bar height for a figure, or null (no bar) when the peer does not have it. */
  private static Double bar(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) || value <= 0 ? null : value;
  }

  private static void paint(Graphics2D g, CategoryChart chart, int x, int y) {
    Graphics2D panel = (Graphics2D) g.create(x, y, chart.getWidth(), chart.getHeight());
    try {
      chart.paint(panel, chart.getWidth(), chart.getHeight());
    } finally {
      panel.dispose();
    }
  }
}
