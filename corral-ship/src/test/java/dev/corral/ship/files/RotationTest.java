package dev.corral.ship.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.ship.CollectingSink;
import dev.corral.ship.RunningInput;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rotation storms while a writer appends: logrotate's rename ({@code create}) and copytruncate. Sizes are
 * parameters: {@code -Dcorral.perf=true} runs many more lines and rotations.
 */
class RotationTest extends FilesInputFixture {
  private static final boolean PERF = Boolean.getBoolean("corral.perf");
  private static final int LINES = PERF ? 400_000 : 10_000;
  private static final int ROTATIONS = PERF ? 400 : 20;

  /** Writes numbered lines, reopening its file (O_APPEND) when asked, as an application after logrotate's signal. */
  static final class Writer extends Thread {
    private final Path file;
    private final int lines;
    private final int pauseEvery;
    final AtomicInteger written = new AtomicInteger();
    volatile boolean reopen;
    final Object pause = new Object();

    Writer(Path file, int lines, int pauseEvery) {
      this.file = file;
      this.lines = lines;
      this.pauseEvery = pauseEvery;
    }

    @Override
    public void run() {
      try {
        FileOutputStream out = new FileOutputStream(file.toFile(), true);
        for (int i = 0; i < lines; i++) {
          if (reopen) {
            out.close();
            out = new FileOutputStream(file.toFile(), true);
            reopen = false;
          }
          synchronized (pause) {
            out.write(("line " + i + " of the storm, with some text to make it longer\n").getBytes(StandardCharsets.UTF_8));
            written.set(i + 1);
          }
          if (pauseEvery > 0 && i % pauseEvery == 0) {
            Thread.sleep(1);
          }
        }
        out.close();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Waits until at least {@code count} lines are written (or the writer ended). */
    void awaitWritten(int count) throws InterruptedException {
      while (written.get() < count && isAlive()) {
        Thread.sleep(1);
      }
    }
  }

  static Set<Integer> numbers(List<String> messages) {
    Set<Integer> numbers = new HashSet<>();
    for (String message : messages) {
      assertThat(message).as("an intact line").matches("line \\d+ of the storm, with some text to make it longer");
      assertThat(numbers.add(Integer.parseInt(message.split(" ")[1]))).as("received once: %s", message).isTrue();
    }
    return numbers;
  }

  @Test
  void renameRotationWhileWritingLosesAndRepeatsNothing() throws Exception {
    Path live = logs().resolve("app.log");
    Files.createFile(live);
    Writer writer = new Writer(live, LINES, 10);
    FilesSettings settings = settings("close_inactive: 200ms").withPaths(List.of(logs() + "/app.log*"));
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(new FilesInput(settings, registryDir()), sink)) {
      writer.start();
      for (int r = 1; r <= ROTATIONS && writer.isAlive(); r++) {
        writer.awaitWritten(r * LINES / (ROTATIONS + 1));
        Files.move(live, logs().resolve("app.log." + r)); // logrotate's rename (dateext-style: names never reused)
        writer.reopen = true;                              // postrotate: the application reopens app.log
        while (writer.reopen && writer.isAlive()) {         // (writing a few more lines to the renamed file first)
          Thread.sleep(1);
        }
      }
      writer.join();
      sink.awaitCount(LINES);
      Set<Integer> numbers = numbers(sink.messages());
      assertThat(numbers).hasSize(LINES);
    }
  }

  @Test
  void copytruncateWhileWritingRepeatsNothingAndReadsEverythingAfterTheLastTruncation() throws Exception {
    Path live = logs().resolve("app.log");
    Files.createFile(live);
    Writer writer = new Writer(live, LINES, 5);
    int afterLastTruncation;
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input(""), sink)) {
      writer.start();
      for (int r = 1; r <= ROTATIONS; r++) {
        writer.awaitWritten(r * LINES / (ROTATIONS + 1));
        synchronized (writer.pause) { // logrotate's own copy-then-truncate window, closed here to test the reader alone
          Files.copy(live, logs().resolve("app.log." + r));
          try (FileChannel channel = FileChannel.open(live, StandardOpenOption.WRITE)) {
            channel.truncate(0);
          }
        }
      }
      afterLastTruncation = writer.written.get();
      writer.join();
      sink.await(records -> records.stream().anyMatch(r -> r.json().contains("\"line " + (LINES - 1) + " ")),
          "the last line");
      Set<Integer> numbers = numbers(sink.messages());
      for (int i = afterLastTruncation; i < LINES; i++) {
        assertThat(numbers).as("line %d, written after the last truncation", i).contains(i);
      }
      Set<Integer> inCopies = new HashSet<>();
      for (int r = 1; r <= ROTATIONS; r++) {
        Files.readAllLines(logs().resolve("app.log." + r)).forEach(line -> inCopies.add(Integer.parseInt(line.split(" ")[1])));
      }
      for (int i = 0; i < LINES; i++) {
        assertThat(numbers.contains(i) || inCopies.contains(i)).as("line %d is read or kept in a copy", i).isTrue();
      }
      System.out.printf("copytruncate: %d of %d lines read from the live file, the rest only in the copies%n",
          numbers.size(), LINES);
    }
  }

  @Test
  void aClosedFileWrittenAndRotatedBetweenTwoScansIsStillReadToItsEnd() throws Exception {
    Path live = logs().resolve("app.log");
    append(live, "before close");
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("scan_every: 300ms, close_inactive: 50ms"), sink)) {
      sink.awaitCount(1);
      CollectingSink.eventually(() -> running.input().status().stream().noneMatch(s -> s.open()), "closed when inactive");
      append(live, "written while closed");
      Files.move(live, logs().resolve("app.log.1")); // out of the glob's view before a scan saw the new line
      append(live, "in the new file");
      sink.awaitCount(3);
      assertThat(sink.messages()).containsExactlyInAnyOrder("before close", "written while closed", "in the new file");
    }
  }
}
