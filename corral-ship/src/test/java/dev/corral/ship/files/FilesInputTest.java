package dev.corral.ship.files;

import static dev.corral.ship.CollectingSink.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.ship.CollectingSink;
import dev.corral.ship.RunningInput;
import dev.corral.ship.ShipRecord;
import dev.corral.ship.SourceStatus;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files input on real files in a temporary directory: discovery, start positions, truncation, deletion, limits. */
class FilesInputTest extends FilesInputFixture {
  @Test
  void newFilesAndNewLinesArePickedUpWithStaticFields() throws Exception {
    Path a = logs().resolve("a.log");
    append(a, "one", "{\"msg\":\"two\",\"service\":\"own\"}");
    Files.writeString(logs().resolve("skipped.txt"), "not matched\n");
    try (CollectingSink sink = CollectingSink.acking(); RunningInput running = RunningInput.start(input(""), sink)) {
      sink.awaitCount(2);
      append(logs().resolve("b.log"), "three");
      sink.awaitCount(3);
      append(a, "four");
      sink.awaitCount(4);
      List<JsonNode> events = sink.events();
      assertThat(events.get(0).get("message").asText()).isEqualTo("one");
      assertThat(events.get(0).get("service").asText()).isEqualTo("checkout");
      assertThat(events.get(0).get("log.file.path").asText()).isEqualTo(a.toString());
      assertThat(events.get(1).get("service").asText()).as("the event's own field wins").isEqualTo("own");
      assertThat(sink.messages()).containsExactlyInAnyOrder("one", "", "three", "four");
      assertThat(sink.records().getLast().offset()).isEqualTo(Files.size(a));
    }
  }

  @Test
  void severalGlobsRecursionAndExcludesChooseTheFiles() throws Exception {
    append(logs().resolve("a.log"), "top");
    append(logs().resolve("a.debug.log"), "excluded by name");
    Path deep = Files.createDirectories(logs().resolve("svc/2026/01"));
    append(deep.resolve("b.log"), "deep");
    append(deep.resolve("b.txt"), "other extension");
    Path other = Files.createDirectories(dir.resolve("other"));
    append(other.resolve("c.out"), "second glob");
    append(other.resolve("skip.out"), "excluded by path");
    FilesSettings settings = settings("exclude: ['*.debug.log', '" + other + "/skip.out']")
        .withPaths(List.of(logs() + "/*.log", logs() + "/**/*.log", other + "/*.out"));
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(new FilesInput(settings, registryDir()), sink)) {
      sink.awaitCount(3);
      append(logs().resolve("a.log"), "marker");
      sink.await(records -> records.stream().anyMatch(r -> r.json().contains("marker")), "the marker line");
      assertThat(sink.messages()).containsExactlyInAnyOrder("top", "deep", "second glob", "marker");
      assertThat(running.input().status()).extracting(SourceStatus::id).containsExactlyInAnyOrder(
          logs().resolve("a.log").toString(), deep.resolve("b.log").toString(), other.resolve("c.out").toString());
    }
  }

  @Test
  void startAtEndSkipsWhatFilesHeldAtTheFirstScanButNotFilesCreatedLater() throws Exception {
    Path old = logs().resolve("old.log");
    append(old, numbered("old", 0, 5));
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("start_at: end"), sink)) {
      eventually(() -> running.input().status().stream().anyMatch(SourceStatus::open), "old.log open");
      append(old, "new 1", "new 2");
      append(logs().resolve("later.log"), "later 1");
      sink.awaitCount(3);
      assertThat(sink.messages()).containsExactlyInAnyOrder("new 1", "new 2", "later 1");
    }
  }

  @Test
  void aTruncatedFileIsReadAgainFromItsStart() throws Exception {
    Path file = logs().resolve("app.log");
    append(file, numbered("before", 0, 10));
    try (CollectingSink sink = CollectingSink.acking(); RunningInput running = RunningInput.start(input(""), sink)) {
      sink.awaitCount(10);
      Files.writeString(file, "after 0\nafter 1\n"); // truncates, then writes fewer bytes than were read
      sink.awaitCount(12);
      assertThat(sink.messages().subList(10, 12)).containsExactly("after 0", "after 1");
      assertThat(sink.records().get(11).offset()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void anAcknowledgementOfTheContentBeforeATruncationIsIgnored() throws Exception {
    Path file = logs().resolve("app.log");
    append(file, numbered("before", 0, 10));
    FilesInput input = input("");
    try (CollectingSink sink = CollectingSink.keeping(); RunningInput running = RunningInput.start(input, sink)) {
      List<ShipRecord> before = sink.awaitCount(10);
      Files.writeString(file, "after 0\n");
      List<ShipRecord> all = sink.awaitCount(11);
      before.getLast().source().acknowledged(before.getLast().offset()); // late, for the truncated content
      eventually(input.registry()::isWritten, "the registry written");
      assertThat(input.registry().entries()).extracting(RegistryEntry::offset).containsExactly(0L);
      all.getLast().source().acknowledged(all.getLast().offset());
      long size = Files.size(file);
      eventually(() -> input.registry().isWritten() && input.registry().entries().getFirst().offset() == size,
          "the new content acknowledged");
    }
  }

  @Test
  void aDeletedFileStillOpenIsReadToItsEndThenClosed() throws Exception {
    Path file = logs().resolve("app.log");
    append(file, numbered("line", 0, 2000));
    try (CollectingSink sink = CollectingSink.acking().holdingFirst();
         RunningInput running = RunningInput.start(input(""), sink)) {
      sink.awaitCount(1); // the reader holds the file open and waits on the sink
      Files.delete(file);
      sink.release();
      sink.awaitCount(2000);
      assertThat(sink.messages()).containsExactly(numbered("line", 0, 2000));
      eventually(() -> running.input().status().isEmpty(), "the deleted file closed and forgotten");
    }
  }

  @Test
  void moreFilesThanMaxOpenFilesAreAllReadAndNeverMoreAreOpen() throws Exception {
    for (int i = 0; i < 40; i++) {
      append(logs().resolve("f" + i + ".log"), numbered("f" + i, 0, 25));
    }
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("max_open_files: 3"), sink)) {
      int mostOpen = 0;
      while (sink.size() < 1000) {
        mostOpen = Math.max(mostOpen, (int) running.input().status().stream().filter(SourceStatus::open).count());
        Thread.sleep(1);
        if (sink.size() < 1000) {
          sink.awaitCount(Math.min(1000, sink.size() + 1));
        }
      }
      assertThat(mostOpen).isLessThanOrEqualTo(3);
      assertThat(sink.messages()).hasSize(1000).doesNotHaveDuplicates();
    }
  }

  @Test
  void aGlobMatchingThousandsOfFilesWithFewHandlesReadsThemAll() throws Exception {
    int files = 2000;
    for (int i = 0; i < files; i++) {
      Files.writeString(logs().resolve("many-" + i + ".log"), "file " + i + "\n");
    }
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("max_open_files: 8, scan_every: 200ms, registry_flush: 200ms"), sink)) {
      sink.awaitCount(files);
      assertThat(sink.messages()).hasSize(files).doesNotHaveDuplicates();
      assertThat(running.input().status().stream().filter(SourceStatus::open).count()).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void aFileThatCannotBeOpenedDoesNotStopTheOthers() throws Exception {
    append(logs().resolve("bad.log"), "secret");
    append(logs().resolve("good.log"), "fine 1");
    FileOpener refusing = path -> {
      if (path.getFileName().toString().equals("bad.log")) {
        throw new AccessDeniedException(path.toString());
      }
      return FileOpener.DEFAULT.open(path);
    };
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("", refusing), sink)) {
      sink.awaitCount(1);
      append(logs().resolve("good.log"), "fine 2");
      sink.awaitCount(2);
      assertThat(sink.messages()).containsExactly("fine 1", "fine 2");
    }
  }

  @Test
  void aFileWithoutReadPermissionDoesNotStopTheOthers() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root reads files without permission; the fault-injecting opener test covers it");
    Path bad = logs().resolve("bad.log");
    append(bad, "secret");
    Files.setPosixFilePermissions(bad, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    append(logs().resolve("good.log"), "fine");
    try (CollectingSink sink = CollectingSink.acking(); RunningInput running = RunningInput.start(input(""), sink)) {
      sink.awaitCount(1);
      assertThat(sink.messages()).containsExactly("fine");
    }
  }

  @Test
  void badBytesLongLinesAndGarbageNeverStopTheInput() throws Exception {
    Path file = logs().resolve("bad.log");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xc0, '\n'});
      out.write(new byte[10 << 20]); // a 10 MB line of NUL bytes, no newline yet
    }
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("max_line_bytes: 65536"), sink)) {
      sink.awaitCount(1);
      append(file, "", "after");
      sink.awaitCount(3);
      List<JsonNode> events = sink.events();
      assertThat(events.get(0).get("message").asText()).isEqualTo("bad\uFFFD\uFFFD");
      assertThat(events.get(1).get("message").asText()).hasSize(65536);
      assertThat(events.get(1).get("_truncated").asBoolean()).isTrue();
      assertThat(events.get(2).get("message").asText()).isEqualTo("after");
    }
  }

  @Test
  void javaTracesInAFileBecomeOneRecordEachAndTheLastIsFlushedByTheTimeout() throws Exception {
    Path file = logs().resolve("app.log");
    Files.writeString(file, dev.corral.ship.Traces.JAVA.replace("2026-01-01 12:00:02.000 INFO  [main] dev.corral.Shop - next\n", "")
        + "2026-01-01 12:00:03.000 ERROR [main] dev.corral.Shop - again\njava.lang.RuntimeException: last\n\tat x.y(Z.java:1)\n");
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(input("multiline: {preset: java, timeout: 100ms}"), sink)) {
      List<ShipRecord> records = sink.awaitCount(3);
      assertThat(sink.messages().get(1)).contains("Caused by: java.net.SocketTimeoutException").endsWith("... 12 more");
      assertThat(sink.messages().get(2)).endsWith("\tat x.y(Z.java:1)");
      assertThat(records.get(2).offset()).as("the flushed group's offset is past its last line").isEqualTo(Files.size(file));
    }
  }
}
