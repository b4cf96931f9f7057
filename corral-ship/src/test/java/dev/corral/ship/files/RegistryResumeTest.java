package dev.corral.ship.files;

import static dev.corral.ship.CollectingSink.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.ship.CollectingSink;
import dev.corral.ship.RunningInput;
import dev.corral.ship.ShipRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry: only acknowledged offsets are resumed from, after a crash; inode reuse; pruning; its format. */
class RegistryResumeTest extends FilesInputFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a kill -9 leaves: the registry directory as it is on disk now (every write is atomic). */
  Path crashCopy() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("after-crash"));
    try (Stream<Path> files = Files.list(registryDir())) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  long persistedOffset(Path registryDirectory, Path file) throws Exception {
    Path registryFile;
    try (Stream<Path> files = Files.list(registryDirectory)) {
      registryFile = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    var entries = JSON.readTree(registryFile.toFile()).get("entries");
    for (var entry : entries) {
      if (entry.get("path").asText().equals(file.toString())) {
        return entry.get("offset").asLong();
      }
    }
    return -1;
  }

  @Test
  void afterACrashOnlyTheAcknowledgedPartIsSkipped() throws Exception {
    Path file = logs().resolve("app.log");
    append(file, numbered("line", 0, 100));
    Path crashed;
    FilesInput first = input("");
    try (CollectingSink sink = CollectingSink.keeping(); RunningInput running = RunningInput.start(first, sink)) {
      List<ShipRecord> records = sink.awaitCount(100);
      ShipRecord fortieth = records.get(39);
      eventually(() -> first.registry().isWritten(), "the start position written");
      assertThat(persistedOffset(registryDir(), file)).as("read, not acknowledged: the start is persisted").isZero();
      fortieth.source().acknowledged(fortieth.offset());
      eventually(() -> first.registry().isWritten(), "the acknowledgement written");
      assertThat(persistedOffset(registryDir(), file)).isEqualTo(fortieth.offset());
      crashed = crashCopy(); // the input is "killed" here: nothing it does after this reaches the copy
    }
    try (CollectingSink sink = CollectingSink.keeping();
         RunningInput running = RunningInput.start(new FilesInput(settings(""), crashed), sink)) {
      sink.awaitCount(60);
      assertThat(sink.messages()).containsExactly(numbered("line", 40, 100));
    }
  }

  @Test
  void aNewFileOnAReusedInodeIsReadFromItsStart() throws Exception {
    Path file = logs().resolve("app.log");
    append(file, numbered("first file", 0, 50));
    try (CollectingSink sink = CollectingSink.acking(); RunningInput running = RunningInput.start(input(""), sink)) {
      sink.awaitCount(50);
      sink.awaitAcknowledged();
    }
    RegistryEntry old;
    try (Registry registry = Registry.open(registryDir(), settings("").name(), Duration.ZERO, Duration.ofDays(1))) {
      old = registry.entries().getFirst();
    }
    assertThat(old.offset()).isEqualTo(Files.size(file));
    Files.delete(file);
    Path replacement = logs().resolve("other.log");
    append(replacement, numbered("second file", 0, 80));
    FileIdentity.Stat stat = FileIdentity.stat(replacement);
    if (!stat.identity().equals(old.identity())) {
      // the file system gave another inode this time: put the old entry on the new inode, as a reuse would
      RegistryEntry reused = new RegistryEntry(replacement.toString(), stat.identity().device(),
          stat.identity().inode(), old.fingerprint(), old.offset(), System.currentTimeMillis());
      AtomicFile.write(registryDir().resolve(Registry.fileName(settings("").name())),
          JSON.writeValueAsBytes(new Registry.Stored(Registry.VERSION, List.of(reused))));
    }
    try (CollectingSink sink = CollectingSink.acking(); RunningInput running = RunningInput.start(input(""), sink)) {
      sink.awaitCount(80);
      assertThat(sink.messages()).containsExactly(numbered("second file", 0, 80));
    }
  }

  @Test
  void theSameFileResumesAfterACleanRestartAndGrowthWhileStopped() throws Exception {
    Path file = logs().resolve("app.log");
    append(file, numbered("a", 0, 10));
    try (CollectingSink sink = CollectingSink.acking(); RunningInput running = RunningInput.start(input(""), sink)) {
      sink.awaitCount(10);
      sink.awaitAcknowledged();
    }
    append(file, numbered("b", 0, 5));
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("start_at: end"), sink)) {
      sink.awaitCount(5);
      assertThat(sink.messages()).containsExactly(numbered("b", 0, 5));
    }
  }

  @Test
  void entriesOfFilesNoScanFindsArePrunedAfterCleanAfter() throws Exception {
    Path gone = logs().resolve("gone.log");
    append(gone, "x");
    try (Registry registry = Registry.open(registryDir(), "prune", Duration.ZERO, Duration.ofMinutes(1))) {
      FileIdentity.Stat stat = FileIdentity.stat(gone);
      long longAgo = System.currentTimeMillis() - Duration.ofMinutes(2).toMillis();
      registry.reset(List.of(new RegistryEntry(gone.toString(), stat.identity().device(), stat.identity().inode(), null,
          0, longAgo), new RegistryEntry("/fresh", 1, 2, null, 7, System.currentTimeMillis())));
      registry.flush();
      assertThat(registry.entries()).extracting(RegistryEntry::path).containsExactly("/fresh");
    }
  }

  @Test
  void theOnDiskFormatOfVersionOneStillReads() throws Exception {
    Files.createDirectories(registryDir());
    Files.writeString(registryDir().resolve("golden.json"), """
        {"version":1,"entries":[{"path":"/var/log/app/app.log","dev":2049,"inode":131074,\
        "fingerprint":"1024:0a1b2c3d4e5f6071","offset":52341,"seen":1767225600000}]}""");
    try (Registry registry = Registry.open(registryDir(), "golden", Duration.ZERO, Duration.ofDays(36500))) {
      assertThat(registry.entries()).containsExactly(new RegistryEntry("/var/log/app/app.log", 2049, 131074,
          "1024:0a1b2c3d4e5f6071", 52341, 1767225600000L));
    }
  }

  @Test
  void aFileReplacedOnTheSameInodeWhileTheInputRunsIsReadFromItsStart() throws Exception {
    Path file = logs().resolve("app.log");
    append(file, numbered("old", 0, 20));
    FileIdentity oldIdentity = FileIdentity.stat(file).identity();
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("close_inactive: 50ms"), sink)) {
      sink.awaitCount(20);
      CollectingSink.eventually(() -> running.input().status().stream().noneMatch(s -> s.open()), "closed when inactive");
      Files.delete(file);
      boolean reused = false;
      for (int attempt = 0; attempt < 200 && !reused; attempt++) { // until the file system hands the inode out again
        Path candidate = logs().resolve("candidate-" + attempt + ".tmp"); // same directory: same inode group
        append(candidate, numbered("new", 0, 30));
        reused = FileIdentity.stat(candidate).identity().equals(oldIdentity);
        if (reused) {
          Files.move(candidate, file); // a rename keeps the inode
        }
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(reused, "the file system did not reuse the inode in 200 tries");
      sink.awaitCount(50);
      assertThat(sink.messages().subList(20, 50)).containsExactly(numbered("new", 0, 30));
    }
  }

  /**
   * Crashes at random moments over several rounds (the registry as a kill -9 leaves it, every time): each restart
   * resumes exactly after the last acknowledged line, so nothing is skipped and only unacknowledged lines are read
   * again. Prints its seed; {@code -Dcorral.perf=true} runs 50 rounds.
   */
  @Test
  void randomCrashesResumeExactlyAfterTheLastAcknowledgedLine() throws Exception {
    long seed = Long.getLong("corral.seed", System.nanoTime());
    java.util.Random random = new java.util.Random(seed);
    System.out.println("randomCrashesResumeExactlyAfterTheLastAcknowledgedLine seed=" + seed + " (-Dcorral.seed to repeat)");
    int rounds = Boolean.getBoolean("corral.perf") ? 50 : 5;
    Path file = logs().resolve("app.log");
    int written = 500;
    append(file, numbered("line", 0, written));
    Path state = registryDir();
    int nextExpected = 0;
    for (int round = 0; round < rounds; round++) {
      FilesInput input = new FilesInput(settings(""), state);
      try (CollectingSink sink = CollectingSink.keeping(); RunningInput running = RunningInput.start(input, sink)) {
        int available = written - nextExpected;
        int take = 1 + random.nextInt(available);
        List<ShipRecord> records = sink.awaitCount(take);
        assertThat(sink.messages().getFirst()).as("round %d resumes after the last acknowledged line (seed %d)", round, seed)
            .isEqualTo("line " + nextExpected);
        int acknowledged = random.nextInt(take + 1); // 0: this round acknowledges nothing
        if (acknowledged > 0) {
          ShipRecord last = records.get(acknowledged - 1);
          last.source().acknowledged(last.offset());
          eventually(() -> input.registry().isWritten() && input.registry().entries().getFirst().offset() == last.offset(),
              "the acknowledgement on disk");
          nextExpected += acknowledged;
        }
        int more = random.nextInt(100);
        append(file, numbered("line", written, written + more)); // the application keeps writing
        written += more;
        Path crashed = Files.createDirectories(dir.resolve("crash-" + round));
        try (java.util.stream.Stream<Path> files = Files.list(state)) {
          for (Path registryFile : files.toList()) {
            Files.copy(registryFile, crashed.resolve(registryFile.getFileName()));
          }
        }
        state = crashed;
      }
    }
    try (CollectingSink sink = CollectingSink.keeping();
         RunningInput running = RunningInput.start(new FilesInput(settings(""), state), sink)) {
      sink.awaitCount(written - nextExpected);
      assertThat(sink.messages()).as("seed %d", seed).containsExactly(numbered("line", nextExpected, written));
    }
  }
}
