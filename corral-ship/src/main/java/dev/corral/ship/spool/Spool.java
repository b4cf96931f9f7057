package dev.corral.ship.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk spool: batches the output could not take, one file per batch ({@link SpoolFrame}), named by a
 * sequence number so that the oldest comes first.
 *
 * <p>Contract: {@link #append} returns only once the file and its directory entry are fsync'd, so the caller
 * may then acknowledge the batch's sources: the spool is the durable hand-off, and a batch in it survives
 * {@code kill -9} and a reboot. A file that is only partly written (the shipper was killed during
 * {@link #append}, before its sources were acknowledged) fails its length and checksum check on {@link #open}
 * and is skipped, logged and counted; its events are read again by their inputs.
 *
 * <p>Bounds: at most {@code maxBytes} of files and nothing older than {@code maxAge}. Appending over the byte
 * bound drops the oldest batches first; a batch past its age is dropped when it comes up for sending. Every drop
 * is logged at WARN with its event count and counted ({@link #droppedEvents()}) — never silent.
 *
 * <p>Thread-safety: every method is synchronized (the sender writes and reads, the status endpoint reads the
 * counts).
 */
public final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private static final String SUFFIX = ".batch";
  private final Path dir;
  private final long maxBytes;
  private final Duration maxAge;
  private final Clock clock;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private long bytes;
  private long nextSequence;
  private long droppedBatches;
  private long droppedEvents;
  private long damagedFiles;

  private record Entry(Path file, long sequence, long bytes, long createdMillis, int events) {
  }

  private Spool(Path dir, long maxBytes, Duration maxAge, Clock clock) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Opens (creating) the spool in {@code dir} and checks every file left from an earlier run. */
  public static Spool open(Path dir, long maxBytes, Duration maxAge, Clock clock) throws IOException {
    Files.createDirectories(dir);
    Spool spool = new Spool(dir, maxBytes, maxAge, clock);
    spool.recover();
    return spool;
  }

  private void recover() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    for (Path file : files) {
      long sequence = sequenceOf(file);
      nextSequence = Math.max(nextSequence, sequence + 1);
      try {
        byte[] content = Files.readAllBytes(file);
        SpoolFrame.Decoded batch = SpoolFrame.decode(content);
        entries.addLast(new Entry(file, sequence, content.length, batch.createdMillis(), batch.events().size()));
        bytes += content.length;
      } catch (IOException e) {
        damaged(file, e);
      }
    }
    if (!entries.isEmpty()) {
      LOG.atInfo().addKeyValue("dir", dir).addKeyValue("batches", entries.size()).addKeyValue("bytes", bytes)
          .log("spool holds batches from an earlier run; they are sent first");
    }
  }

  private static long sequenceOf(Path file) {
    String name = file.getFileName().toString();
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Writes a batch (its events and server pipeline, or null) durably (file and directory fsync'd) and returns once it is safe; drops the oldest batches
   * first while the spool would be over its byte bound. A batch larger than the whole bound is not written: it
   * is dropped (logged, counted) and the method returns false.
   *
   * @throws IOException when the batch could not be made durable (disk full, permissions): nothing was spooled
   */
  public synchronized boolean append(List<String> events, String pipeline) throws IOException {
    byte[] frame = SpoolFrame.encode(events, pipeline, clock.millis());
    if (frame.length > maxBytes) {
      drop("batch-of-" + events.size(), events.size(), "the batch alone (" + frame.length
          + " bytes) is over spool.max_bytes (" + maxBytes + ")");
      return false;
    }
    while (bytes + frame.length > maxBytes && !entries.isEmpty()) {
      Entry oldest = entries.removeFirst();
      delete(oldest);
      drop(oldest.file().getFileName().toString(), oldest.events(), "spool full: " + (bytes + frame.length)
          + " bytes would be over spool.max_bytes (" + maxBytes + "), the oldest batch goes");
    }
    Path file = dir.resolve(String.format("%016d%s", nextSequence, SUFFIX));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(frame);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
    entries.addLast(new Entry(file, nextSequence++, frame.length, clock.millis(), events.size()));
    bytes += frame.length;
    return true;
  }

  /**
   * The oldest batch to send, if any. Batches past {@code maxAge} and damaged files met on the way are dropped
   * (logged, counted) and skipped.
   */
  public synchronized Optional<SpooledBatch> oldest() {
    long tooOld = clock.millis() - maxAge.toMillis();
    while (!entries.isEmpty()) {
      Entry entry = entries.peekFirst();
      if (entry.createdMillis() < tooOld) {
        entries.removeFirst();
        delete(entry);
        drop(entry.file().getFileName().toString(), entry.events(), "older than spool.max_age (" + maxAge + ")");
        continue;
      }
      try {
        SpoolFrame.Decoded batch = SpoolFrame.decode(Files.readAllBytes(entry.file()));
        return Optional.of(new SpooledBatch(entry.file(), batch.pipeline(), batch.events()));
      } catch (IOException e) {
        entries.removeFirst();
        bytes -= entry.bytes();
        damaged(entry.file(), e);
      }
    }
    return Optional.empty();
  }

  /**
   * Deletes a delivered batch. It is normally the oldest; if the byte bound dropped it meanwhile (appends go on
   * while it is being sent), there is nothing left to delete.
   */
  public synchronized void remove(SpooledBatch batch) {
    for (java.util.Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.file().equals(batch.file())) {
        it.remove();
        delete(entry);
        return;
      }
    }
  }

  private void delete(Entry entry) {
    bytes -= entry.bytes();
    try {
      Files.deleteIfExists(entry.file());
    } catch (IOException e) {
      LOG.atError().addKeyValue("file", entry.file()).addKeyValue("error", e.getMessage())
          .log("could not delete a spool file; it would be sent again after a restart");
    }
  }

  private void damaged(Path file, IOException why) {
    damagedFiles++;
    LOG.atWarn().addKeyValue("file", file).addKeyValue("error", why.getMessage())
        .log("spool file skipped: written only in part (the shipper stopped while writing it, before its sources "
            + "were acknowledged) or damaged");
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.atError().addKeyValue("file", file).addKeyValue("error", e.getMessage()).log("could not delete it");
    }
  }

  private void drop(String file, int events, String reason) {
    droppedBatches++;
    droppedEvents += events;
    LOG.atWarn().addKeyValue("file", file).addKeyValue("events", events).addKeyValue("reason", reason)
        .addKeyValue("dropped_events_total", droppedEvents).log("spooled batch dropped, its events are lost");
  }

  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Bytes of spool files now. */
  public synchronized long bytes() {
    return bytes;
  }

  /** Batches in the spool now. */
  public synchronized int batches() {
    return entries.size();
  }

  /** Events in the spool now. */
  public synchronized long events() {
    return entries.stream().mapToLong(Entry::events).sum();
  }

  /** Batches dropped for the bounds since start. */
  public synchronized long droppedBatches() {
    return droppedBatches;
  }

  /** Events in batches dropped for the bounds since start. */
  public synchronized long droppedEvents() {
    return droppedEvents;
  }

  /** Files skipped as partly written or damaged since start. */
  public synchronized long damagedFiles() {
    return damagedFiles;
  }
}
