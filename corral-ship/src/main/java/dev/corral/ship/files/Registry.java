package dev.corral.ship.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resume points of one files input: one JSON file {@code <registry dir>/<input name>.json} holding a
 * {@link RegistryEntry} per file.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>An entry's offset moves forward only through {@link #acknowledge} (the delivery side's word that the records
 *       before it are safe), never because bytes were read; it moves back (to 0, or to a start position chosen
 *       without reading) through {@link #reset} when a file was truncated or is new.
 *   <li>Writes are atomic: the whole registry goes to a temporary file, which is fsync'd and renamed over the old
 *       one, and the directory is fsync'd. After {@code kill -9} the file holds a complete earlier or later state,
 *       never a mix.
 *   <li>{@link #acknowledge} returns at once; a background writer writes every change as soon as the previous write
 *       is done, and with a non-zero {@code flushEvery} at most once per {@code flushEvery}. With {@code flushEvery}
 *       zero (the default) {@link #persistAcknowledged} (the delivery side, once per batch) returns once every
 *       acknowledgement so far is on disk, one write for all the files of the batch, so the next batch is sent only
 *       after the registry holds the last one: after {@code kill -9} at most the batch in flight is sent again.
 *       With a non-zero {@code flushEvery} it does not wait: fewer writes, and what was acknowledged during the last
 *       {@code flushEvery} is sent again after a crash. Either way at-least-once, never a skip.
 *   <li>Entries of files no scan has found for {@code forgetAfter} are dropped at the next write.
 * </ol>
 *
 * Thread-safe: the reading thread resets and marks files seen, the delivery thread acknowledges.
 */
public final class Registry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  /** The on-disk version; a registry of another version is refused, naming both. */
  static final int VERSION = 1;

  private final Path file;
  private final Duration flushEvery;
  private final Duration forgetAfter;
  private final Map<FileIdentity, RegistryEntry> entries = new HashMap<>();
  private final Object writeLock = new Object();
  private long changes;          // guarded by this
  private volatile long written; // the last change on disk; set under writeLock
  private IOException lastFailure;
  private Thread flusher;
  private volatile boolean closed;

  private Registry(Path file, Duration flushEvery, Duration forgetAfter) {
    this.file = file;
    this.flushEvery = flushEvery;
    this.forgetAfter = forgetAfter;
  }

  /**
   * Opens (or starts) the registry of the input named {@code inputName} in {@code directory}.
   *
   * @throws IOException when the directory cannot be made or the file cannot be read, naming it
   */
  public static Registry open(Path directory, String inputName, Duration flushEvery, Duration forgetAfter)
      throws IOException {
    Files.createDirectories(directory);
    Registry registry = new Registry(directory.resolve(fileName(inputName)), flushEvery, forgetAfter);
    registry.load();
    registry.flusher = Thread.ofVirtual().name("corral-ship-registry-" + inputName).start(registry::flushLoop);
    return registry;
  }

  /** The registry file of an input: its name with every character but letters, digits, {@code .-_} replaced. */
  static String fileName(String inputName) {
    return inputName.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
  }

  public Path file() {
    return file;
  }

  synchronized Optional<RegistryEntry> find(FileIdentity identity) {
    return Optional.ofNullable(entries.get(identity));
  }

  synchronized List<RegistryEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** Sets a file's entry to a start position it was not read to (a new file, a truncation); written soon after. */
  void reset(RegistryEntry entry) {
    reset(List.of(entry));
  }

  /** {@link #reset(RegistryEntry)} for many files in one write (the files a scan found). */
  void reset(List<RegistryEntry> started) {
    if (started.isEmpty()) {
      return;
    }
    synchronized (this) {
      started.forEach(entry -> entries.put(entry.identity(), entry));
      changes++;
      notifyAll(); // wakes the writer
    }
  }

  /**
   * Records that {@code identity}'s records are safe up to {@code offset} (with its current fingerprint and path);
   * the writer persists it soon after, {@link #persistAcknowledged} at once. An older offset than the entry's is
   * ignored.
   */
  void acknowledge(FileIdentity identity, String path, Fingerprint fingerprint, long offset) {
    synchronized (this) {
      RegistryEntry old = entries.get(identity);
      if (old != null && old.offset() >= offset && Objects.equals(fingerprintText(fingerprint), old.fingerprint())) {
        return;
      }
      long seen = old == null ? System.currentTimeMillis() : old.seen();
      entries.put(identity, new RegistryEntry(path, identity.device(), identity.inode(), fingerprintText(fingerprint),
          offset, seen));
      changes++;
      notifyAll(); // wakes the writer
    }
  }

  /**
   * With a zero {@code flushEvery}, writes every change so far unless a write already holds it, and returns once it
   * is on disk; with a non-zero one, leaves it to the writer's pace. Nothing after {@link #close()}.
   */
  void persistAcknowledged() {
    if (!flushEvery.isZero()) {
      return;
    }
    long change;
    synchronized (this) {
      change = changes;
    }
    synchronized (writeLock) {
      if (!closed) { // after close, which wrote the last state, nothing touches the directory
        write(change);
      }
    }
  }

  /** Notes that a scan found these files now (kept from pruning); written with the next write. */
  synchronized void markSeen(Map<FileIdentity, String> pathsSeen) {
    long now = System.currentTimeMillis();
    pathsSeen.forEach((identity, path) -> entries.computeIfPresent(identity, (id, entry) -> entry.seenAt(path, now)));
  }

  /** Writes now whatever changed (at close, or in a test). */
  public void flush() {
    long change;
    synchronized (this) {
      change = changes;
    }
    write(change);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    flusher.interrupt();
    flush();
  }

  private void flushLoop() {
    try {
      while (!closed) {
        synchronized (this) {
          while (changes <= writtenChange() && !closed) {
            wait();
          }
        }
        flush();
        if (!flushEvery.isZero()) {
          Thread.sleep(flushEvery);
        }
      }
    } catch (InterruptedException e) {
      // closing: close() writes the last state itself
    }
  }

  private long writtenChange() {
    return written;
  }

  /** Whether every change so far is on disk (tests wait for it; status may show it). */
  public boolean isWritten() {
    long change;
    synchronized (this) {
      change = changes;
    }
    return writtenChange() >= change;
  }

  /** Writes the registry if the write of {@code change} has not happened yet; concurrent callers share one write. */
  private void write(long change) {
    synchronized (writeLock) {
      if (written >= change) {
        return;
      }
      long snapshotChange;
      List<RegistryEntry> snapshot;
      synchronized (this) {
        prune(System.currentTimeMillis());
        snapshotChange = changes;
        snapshot = new ArrayList<>(entries.values());
      }
      try {
        writeAtomically(snapshot);
        written = snapshotChange;
        if (lastFailure != null) {
          LOG.info("ship registry written again file={}", file);
          lastFailure = null;
        }
      } catch (IOException e) {
        if (lastFailure == null) {
          LOG.warn("ship registry not written file={} error=\"{}\" (kept in memory; retried with the next acknowledgement)",
              file, e.toString());
        }
        lastFailure = e;
      }
    }
  }

  private void prune(long nowMillis) {
    entries.values().removeIf(entry -> nowMillis - entry.seen() > forgetAfter.toMillis());
  }

  private void writeAtomically(List<RegistryEntry> snapshot) throws IOException {
    AtomicFile.write(file, JSON.writeValueAsBytes(new Stored(VERSION, snapshot)));
  }

  private void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    Stored stored;
    try {
      stored = JSON.readValue(file.toFile(), Stored.class);
    } catch (IOException e) {
      throw new IOException("registry " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (stored.version() != VERSION) {
      throw new IOException("registry " + file + " has version " + stored.version() + "; this shipper reads version "
          + VERSION);
    }
    for (RegistryEntry entry : stored.entries()) {
      entries.put(entry.identity(), entry);
    }
  }

  private static String fingerprintText(Fingerprint fingerprint) {
    return fingerprint == null ? null : fingerprint.text();
  }

  /** The file's layout: {@code {"version": 1, "entries": [...]}}. */
  record Stored(@JsonProperty("version") int version, @JsonProperty("entries") List<RegistryEntry> entries) {
    Stored {
      entries = entries == null ? List.of() : List.copyOf(entries);
    }
  }
}
