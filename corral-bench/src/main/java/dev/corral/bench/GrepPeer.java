package dev.corral.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * "grep across files", what a team does before centralizing: ingest appends the batches to one
 * NDJSON file per day and fsyncs them; queries run {@code rg} (else {@code grep}) and {@code jq}
 * pipelines from {@link GrepCommands} as child processes. Server and wall times are both the
 * pipeline's wall time. Footprint is the raw files; there is no server process.
 */
public final class GrepPeer implements Peer {
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double NANOS_PER_MILLI = 1e6;

  private final Path directory;
  private final GrepCommands commands;

  /** A peer writing into {@code directory}, using whichever of {@code rg}, {@code grep} and {@code jq} is on the PATH. */
  public GrepPeer(Path directory) {
    this.directory = directory;
    this.commands = new GrepCommands(onPath("rg") ? "rg" : "grep", onPath("jq"));
  }

  @Override
  public String name() {
    return commands.searcher() + (commands.jq() ? "+jq" : "");
  }

  /** The commands used, for the log and the docs. */
  public GrepCommands commands() {
    return commands;
  }

  @Override
  public IngestFigures ingest(Dataset dataset) throws IOException {
    long start = System.nanoTime();
    try (DayFiles days = new DayFiles(directory)) {
      for (Path batch : dataset.batches()) {
        days.append(Files.readAllBytes(batch));
      }
    }
    double seconds = (System.nanoTime() - start) / NANOS_PER_SECOND;
    return new IngestFigures(dataset.events(), dataset.rawBytes(), seconds, dataset.events(), seconds, 0, 0);
  }

  @Override
  public boolean answers(BenchQuery query) {
    return commands.command(query.text(0), query.from(), Instant.now()) != null;
  }

  @Override
  public QueryAnswer query(String text, String from) throws IOException, InterruptedException {
    String command = commands.command(text, from, Instant.now());
    if (command == null) {
      throw new IllegalArgumentException("grep peer has no equivalent of " + text);
    }
    long start = System.nanoTime();
    Process process = new ProcessBuilder("sh", "-c", command).directory(directory.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long lines = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      while (out.readLine() != null) {
        lines++;
      }
    }
    int exit = process.waitFor();
    double wall = (System.nanoTime() - start) / NANOS_PER_MILLI;
    if (exit > 1) { // grep and rg exit 1 when nothing matched
      throw new IOException("`" + command + "` exited with " + exit);
    }
    return new QueryAnswer(wall, wall, lines);
  }

  @Override
  public Footprint footprint() throws IOException {
    long files = ProcessResources.directoryBytes(directory);
    return new Footprint(files, 0, files, -1, -1, -1);
  }

  /** grep keeps nothing between runs: dropping the page cache is enough. */
  @Override
  public boolean restartCold(PageCache cache) throws InterruptedException {
    return cache.drop();
  }

  @Override
  public void close() {}

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && List.of(path.split(java.io.File.pathSeparator)).stream()
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
