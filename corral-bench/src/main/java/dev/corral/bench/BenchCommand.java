package dev.corral.bench;

import dev.corral.bench.micro.MicroBenchmarks;
import dev.corral.opensearch.node.OpenSearchLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corral bench}: writes a dataset, starts a Corral server as a child process, ingests,
 * measures storage and resources, times the query set, then does the same for each comparison
 * peer ({@link GrepPeer}, {@link LucenePeer}, {@link OpenSearchPeer}) on the same dataset, and
 * prints and saves the results.
 * Order: disk check → dataset → for each peer (start → ingest → footprint → Corral's alert soak → queries → compact
 * to warm → stop → delete its data) → mixed phase for Corral and OpenSearch ({@link MixedPhase}: fresh start, paced
 * ingest while queries run, stop, delete) → report (Markdown, JSON, PNG chart). With {@code --micro} it runs the JMH micro-benchmarks instead
 * ({@link MicroBenchmarks}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark Corral end to end on this machine (ingest, storage, queries, resources).")
public final class BenchCommand implements Callable<Integer> {
  /**
   * Measured runs cap for the grep peer: each jq pipeline re-reads every file, seconds per run at
   * a million events, so twenty runs of each would dominate the benchmark's time.
   */
  static final int GREP_MAX_RUNS = 5;
  /** Cold runs cap for the grep peer: a cold run reads every file from disk. */
  static final int GREP_MAX_COLD_RUNS = 1;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Option(names = "--events", defaultValue = "1000000", description = "Events to simulate (default ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--batch", defaultValue = "1000", description = "Events per ingest request (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--clients", defaultValue = "4", description = "Concurrent ingest clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--runs", defaultValue = "20", description = "Measured runs per query (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--cold-runs", defaultValue = "2",
      description = "Runs per query right after restarting the peer and dropping the page cache (needs root on Linux; grep: at most 1; 0 skips them; default ${DEFAULT-VALUE}).")
  int coldRuns;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated fleet (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dataset", defaultValue = DatasetGenerator.FLEET,
      description = "Simulated events: fleet (the demo's shop fleet, ~610 B each) or ids (~370 B, random trace, "
          + "span and request ids in every event) (default ${DEFAULT-VALUE}); ignored with --file.")
  String datasetName;

  @Option(names = "--file", description = "Replay this NDJSON file instead of simulating events.")
  Path file;

  @Option(names = "--out", description = "Results directory (default ./bench-results/<timestamp>/).")
  Path out;

  @Option(names = "--jar", description = "corral.jar to benchmark (default: the jar this command runs from).")
  Path jar;

  @Option(names = "--peers", split = ",", defaultValue = "grep,lucene",
      description = "Comparison peers after Corral: grep, lucene, opensearch, or none (default ${DEFAULT-VALUE}).")
  List<String> peers;

  @Option(names = "--opensearch-launcher",
      description = "target/ directory of the built corral-bench-opensearch module (default: found next to corral.jar).")
  Path openSearchLauncher;

  @Option(names = "--auth", description = "Run Corral with access control on (auth.mode: keys; an admin key, "
      + "created with corral keys create --data, is sent on every request), to compare against a run without.")
  private boolean auth;

  @Option(names = "--tls", description = "Also run Corral a second time with TLS on (certificates made for the run; "
      + "ingest and queries over HTTPS), as the peer corral+tls, to compare with the plain run.")
  private boolean tls;

  @Option(names = "--alert-rules", defaultValue = "0",
      description = "Threshold alert rules written into Corral's alerts directory before it starts, on the dataset's "
          + "fields (default ${DEFAULT-VALUE}); see docs/benchmarks.md, Alerting.")
  int alertRules;

  @Option(names = "--alert-every", defaultValue = "30s", converter = DurationText.class,
      description = "Schedule of the --alert-rules rules: 30s, 1m, ... (default ${DEFAULT-VALUE}).")
  java.time.Duration alertEvery;

  @Option(names = "--seed-rules", description = "Also install the seed alert rules of conf/alerts (error_spike, "
      + "cross_service_failure, performance_degradation).")
  boolean seedRules;

  @Option(names = "--alert-soak", defaultValue = "0s", converter = DurationText.class,
      description = "After ingest, let the alert rules run alone this long (2m, 10m) and measure their cost and the "
          + "server's CPU share (default ${DEFAULT-VALUE}: none).")
  java.time.Duration alertSoak;

  @Option(names = "--mixed-rate", defaultValue = "80",
      description = "Mixed phase: after the other phases, Corral (and OpenSearch) start afresh and ingest the dataset "
          + "paced at this percent of the durable rate each reached alone, while one client runs the queries in a "
          + "loop (default ${DEFAULT-VALUE}; 0 skips the phase).")
  int mixedRate;

  @Option(names = "--keep", description = "Keep the dataset and every peer's data directory (without it, each "
      + "peer's directory is deleted once the peer is measured).")
  boolean keep;

  @Option(names = "--micro", description = "Run the JMH micro-benchmarks of the hot paths instead (see docs/benchmarks.md).")
  boolean micro;

  @Option(names = "--jmh-args", defaultValue = "",
      description = "With --micro: JMH options, e.g. \"-f 2 -p shape=ECS DecodeBenchmark\" (default: 1 fork, 3×2 s warm-up, 5×2 s).")
  String jmhArgs;

  @Override
  public Integer call() throws Exception {
    Instant now = Instant.now();
    Path results = out != null ? out : Path.of("bench-results", STAMP.format(now));
    if (micro) {
      return runMicroBenchmarks(results.resolve("jmh.json"));
    }
    if (mixedRate < 0) {
      System.err.println("bench: --mixed-rate (" + mixedRate + ") must be >= 0 (0 skips the mixed phase)");
      return 2;
    }
    String shortfall = diskShortfall();
    if (shortfall != null) {
      System.err.println("bench: " + shortfall);
      return 2;
    }
    Files.createDirectories(results);
    Path work = Files.createTempDirectory("corral-bench");
    try {
      System.err.println("bench: writing dataset to " + work.resolve("batches"));
      Dataset dataset = file != null
          ? DatasetGenerator.replay(file, batch, work.resolve("batches"))
          : DatasetGenerator.generate(datasetName, seed, now, events, batch, work.resolve("batches"));
      System.err.printf("bench: dataset %s: %,d events, %,d bytes (mean %.0f B per event) in %d batches%n",
          dataset.name(), dataset.events(), dataset.rawBytes(), dataset.meanEventBytes(), dataset.batches().size());
      OpenSearchLauncher launcher = peers.contains("opensearch") ? OpenSearchLauncher.locate(openSearchTarget()) : null;
      AlertLoad alerts = new AlertLoad(alertRules, alertEvery, seedRules, alertSoak);
      List<BenchResults> all = new ArrayList<>();
      List<String> differences = new ArrayList<>();
      all.add(measure(CorralPeer.start(corralJar(), work.resolve("data"), results.resolve("server.log"), clients, auth,
          alerts), dataset, runs, coldRuns, null, differences));
      discard(work.resolve("data"));
      BenchResults corral = all.get(0);
      if (tls) {
        System.err.println("bench: corral again over HTTPS (tls.cert), certificates in " + work.resolve("tls"));
        all.add(measure(CorralPeer.start(corralJar(), work.resolve("data-tls"), results.resolve("server-tls.log"),
            clients, auth, alerts, work.resolve("tls")), dataset, runs, coldRuns, corral, differences));
        discard(work.resolve("data-tls"));
      }
      for (String name : peers) {
        switch (name) {
          case "grep" -> {
            GrepPeer grep = new GrepPeer(work.resolve("grep"));
            System.err.println("bench: grep peer uses " + grep.commands());
            all.add(measure(grep, dataset, Math.min(runs, GREP_MAX_RUNS), Math.min(coldRuns, GREP_MAX_COLD_RUNS), corral,
                differences));
            discard(work.resolve("grep"));
          }
          case "lucene" -> {
            all.add(measure(new LucenePeer(work.resolve("lucene")), dataset, runs, coldRuns, corral, differences));
            discard(work.resolve("lucene"));
          }
          case "opensearch" -> {
            System.err.println("bench: starting an OpenSearch node, log in " + results.resolve("opensearch.log"));
            all.add(measure(OpenSearchPeer.start(launcher, work.resolve("opensearch"), work.resolve("bulk"),
                results.resolve("opensearch.log"), clients), dataset, runs, coldRuns, corral, differences));
            discard(work.resolve("opensearch"), work.resolve("bulk"));
          }
          case "none" -> { }
          default -> throw new IllegalArgumentException("--peers: unknown peer " + name + " (grep, lucene, opensearch, none)");
        }
      }
      if (mixedRate > 0) {
        runMixedPhases(all, dataset, work, results, launcher, differences);
      }
      StringBuilder table = new StringBuilder(MarkdownReport.render(all)).append('\n').append(MarkdownReport.totals(all));
      if (corral.alerting() != null) {
        table.append('\n').append(AlertingReport.render(corral.alerting()));
      }
      for (String difference : differences) {
        table.append("\nWARNING: ").append(difference).append('\n');
      }
      System.out.print(table);
      Files.writeString(results.resolve("results.md"), table.toString(), StandardCharsets.UTF_8);
      JsonReport.write(all, results.resolve("results.json"));
      ResultsChart.write(all, results.resolve("results.png"));
      System.err.println("bench: results in " + results.toAbsolutePath());
      return 0;
    } finally {
      if (keep) {
        System.err.println("bench: kept " + work);
      } else {
        deleteTree(work);
      }
    }
  }

  /**
   * The mixed phase of Corral and, when it ran, OpenSearch, each on a fresh data directory: replaces each one's
   * results in {@code all} by the same results with its {@link MixedFigures}. A phase that fails (a query or an
   * upload refused) adds a line to {@code warnings} and leaves that peer without mixed figures.
   */
  private void runMixedPhases(List<BenchResults> all, Dataset dataset, Path work, Path results,
      OpenSearchLauncher launcher, List<String> warnings) throws Exception {
    List<BenchQuery> queries = BenchQuery.standard(dataset.traceIds());
    for (int i = 0; i < all.size(); i++) {
      BenchResults alone = all.get(i);
      Peer peer = switch (alone.peer()) {
        case "corral" -> CorralPeer.start(corralJar(), work.resolve("mixed-data"), results.resolve("server-mixed.log"),
            clients, auth, AlertLoad.NONE);
        case "opensearch" -> OpenSearchPeer.start(launcher, work.resolve("mixed-opensearch"),
            work.resolve("mixed-bulk"), results.resolve("opensearch-mixed.log"), clients);
        default -> null;
      };
      if (peer == null) {
        continue;
      }
      double aloneRate = alone.ingest().durableEventsPerSecond();
      System.err.printf("bench: %s: mixed phase, fresh start; ingest paced at %d%% of %,.0f events/s while one client "
          + "runs the queries%n", alone.peer(), mixedRate, aloneRate);
      try (peer) {
        MixedFigures mixed = MixedPhase.run(peer, dataset, queries, mixedRate, aloneRate, clients);
        System.err.printf("bench: %s: mixed phase: %,.0f events/s achieved (target %,.0f), %d runs of each query%n",
            alone.peer(), mixed.achievedEventsPerSecond(), mixed.targetEventsPerSecond(), mixed.runsPerQuery());
        all.set(i, alone.withMixed(mixed));
      } catch (IOException e) {
        // the figures of every other phase are still worth their report
        String failure = alone.peer() + ": mixed phase failed, no figures: " + e.getMessage();
        System.err.println("bench: WARNING: " + failure);
        warnings.add(failure);
      }
      discard(work.resolve("mixed-data"), work.resolve("mixed-opensearch"), work.resolve("mixed-bulk"));
    }
  }

  /** Null when the temporary directory's disk holds this run's estimate ({@link DiskBudget}), else the error. */
  private String diskShortfall() throws IOException {
    long raw = file != null ? Files.size(file) : DiskBudget.simulatedBytes(datasetName, events);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    DiskBudget.Estimate estimate = DiskBudget.estimate(raw, peers, tls, mixedRate > 0, keep);
    return DiskBudget.shortfall(estimate, Files.getFileStore(tmp).getUsableSpace(), tmp);
  }

  /** Deletes a measured peer's directories, so that the next peer has the disk; kept with {@code --keep}. */
  private void discard(Path... directories) throws IOException {
    if (keep) {
      return;
    }
    for (Path directory : directories) {
      if (Files.exists(directory)) {
        deleteTree(directory);
      }
    }
  }

  /** Runs the JMH micro-benchmarks; 2 when JMH refuses {@code --jmh-args}, 1 when a benchmark fails. */
  private int runMicroBenchmarks(Path json) throws IOException {
    try {
      if (!MicroBenchmarks.run(jmhArgs, json).isEmpty()) {
        System.err.println("bench: JMH results in " + json.toAbsolutePath());
      }
      return 0;
    } catch (CommandLineOptionException e) {
      System.err.println("bench: --jmh-args \"" + jmhArgs + "\": " + e.getMessage());
      return 2;
    } catch (RunnerException e) {
      Throwable reason = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
      // JMH's NoBenchmarksException carries its text in toString(), not in a message
      System.err.println("bench: micro-benchmarks failed: "
          + (reason.getMessage() != null ? reason.getMessage() : reason.toString()));
      return 1;
    }
  }

  /**
   * Ingests into {@code peer}, reads its footprint, times the queries ({@code runs} with warm
   * caches, then {@code coldRuns} each after {@link Peer#restartCold}), compacts it to warm, times the queries again
   * (checking that compaction changed no all-time total), and closes it. Where an exact peer's
   * totals differ from Corral's ({@code corral} null: this is Corral), warns on stderr and adds
   * the difference to {@code differences}.
   */
  private static BenchResults measure(Peer peer, Dataset dataset, int runs, int coldRuns, BenchResults corral,
      List<String> differences) throws Exception {
    try (peer) {
      System.err.println("bench: " + peer.name() + ": ingesting");
      IngestFigures ingest = peer.ingest(dataset);
      Footprint footprint = peer.footprint();
      AlertFigures alerting = peer instanceof CorralPeer corralPeer ? corralPeer.measureAlerts() : null;
      System.err.println("bench: " + peer.name() + ": ingested and searchable; timing queries");
      List<QueryBenchmark.Timing> timings = QueryBenchmark.run(peer, BenchQuery.standard(dataset.traceIds()), runs);
      List<QueryBenchmark.Timing> cold = List.of();
      if (coldRuns > 0) {
        System.err.println("bench: " + peer.name() + ": timing queries after dropping the page cache");
        PageCache cache = new PageCache(PageCache.LINUX_DROP_CACHES);
        cold = QueryBenchmark.runCold(peer, BenchQuery.standard(dataset.traceIds()), coldRuns,
            () -> peer.restartCold(cache));
        if (cold.stream().allMatch(t -> t.wall().samples() == 0)) {
          System.err.println("bench: " + peer.name() + ": no cold queries (the peer cannot restart, or the page "
              + "cache cannot be dropped here: needs root on Linux)");
        }
      }
      System.err.println("bench: " + peer.name() + ": compacting to warm");
      long warmBytes = peer.compactToWarm();
      List<QueryBenchmark.Timing> warmTimings = List.of();
      if (warmBytes >= 0) {
        System.err.println("bench: " + peer.name() + ": timing queries on the warm index");
        warmTimings = QueryBenchmark.run(peer, BenchQuery.standard(dataset.traceIds()), runs);
      }
      BenchResults results = new BenchResults(peer.name(), BenchResults.Machine.current(), dataset, ingest, footprint,
          timings, warmBytes, warmTimings, cold, alerting);
      for (String difference : TotalsCheck.warmDifferences(results)) {
        System.err.println("bench: WARNING: " + difference);
        differences.add(difference);
      }
      if (corral != null && peer.exactTotals() && corral.alerting() != null) {
        System.err.println("bench: " + peer.name() + ": totals not compared with corral's, which count its alert "
            + "history events (logtype:alert) too");
      } else if (corral != null && peer.exactTotals()) {
        for (String difference : TotalsCheck.differences(corral, results)) {
          System.err.println("bench: WARNING: " + difference);
          differences.add(difference);
        }
      }
      return results;
    }
  }

  /**
   * The launcher module's {@code target/}: {@code --opensearch-launcher}, else {@code
   * corral-bench-opensearch/target} in the first directory above this code's jar (or classes) that has one.
   */
  private Path openSearchTarget() throws IOException {
    if (openSearchLauncher != null) {
      return openSearchLauncher;
    }
    Path self;
    try {
      self = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (java.net.URISyntaxException e) {
      throw new IOException("cannot locate the running code: " + e.getMessage(), e);
    }
    for (Path dir = self.getParent(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("corral-bench-opensearch"))) {
        return dir.resolve("corral-bench-opensearch").resolve("target");
      }
    }
    throw new IOException("no corral-bench-opensearch module above " + self
        + "; pass --opensearch-launcher <corral-bench-opensearch/target>");
  }

  private Path corralJar() throws IOException {
    if (jar != null) {
      return jar;
    }
    try {
      Path self = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
        return self;
      }
      throw new IOException("bench runs from " + self + ", not from corral.jar; pass --jar corral-dist/target/corral.jar");
    } catch (java.net.URISyntaxException e) {
      throw new IOException("cannot locate corral.jar: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
