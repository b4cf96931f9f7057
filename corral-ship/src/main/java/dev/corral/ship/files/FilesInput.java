package dev.corral.ship.files;

import dev.corral.ship.Input;
import dev.corral.ship.RecordSink;
import dev.corral.ship.SourceStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code files} input: tails every file its globs match, one reading thread for all of them.
 *
 * <p>What it guarantees (docs/ship.md, "Tailing guarantees"):
 *
 * <ol>
 *   <li>A file is known by its {@link FileIdentity} (device + inode), checked against a {@link Fingerprint} of its
 *       first bytes; a rename (rotation) keeps it the same file, read on through its open handle to its end; a new
 *       file at the old path is a new file, read from its beginning.
 *   <li>A file that shrinks below what was read (copytruncate, {@code > file}) is read again from 0.
 *   <li>A file that leaves the globs' view is read to its end; if it was deleted it is then closed, if it was
 *       renamed it stays open until {@code close_inactive} passes without new lines (a writer may still append
 *       before it reopens its log).
 *   <li>At most {@code max_open_files} files are open; the others wait in discovery order, and an open file at its
 *       end gives its handle up while others wait, so every file is read eventually.
 *   <li>Resume points come only from acknowledgements ({@link Registry}); a file that cannot be opened or read is
 *       logged and retried at the next scan, and the other files go on.
 * </ol>
 */
public final class FilesInput implements Input {
  private static final Logger LOG = LoggerFactory.getLogger(FilesInput.class);
  /** An idle input wakes this often: how soon a file that just went quiet is looked at again. */
  static final long IDLE_WAIT_MILLIS = 100;
  /**
   * Filebeat's default backoff: a file quiet for a while is looked at every second at most (its new lines wait up to
   * that long), so hundreds of idle open files cost a few system calls per second each, not ten.
   */
  static final long MAX_BACKOFF_NANOS = 1_000_000_000L;
  /** Bytes read from one file before the next file gets its turn: fairness when many files have lines. */
  static final long READ_BUDGET_BYTES = 4L << 20;

  private final FilesSettings settings;
  private final Registry registry;
  private final FileOpener opener;
  private final GlobSet globs;
  private final Map<FileIdentity, TrackedFile> tracked = new ConcurrentHashMap<>();
  private final ArrayDeque<TrackedFile> waiting = new ArrayDeque<>();
  private final List<TrackedFile> open = new ArrayList<>();
  private final Set<Path> failing = new HashSet<>();   // paths whose last open failed: logged once until they work
  private final Object idle = new Object();
  private volatile boolean closed;
  private volatile boolean runStarted;
  private boolean firstScan = true;

  /**
   * @param registryDir where the input's registry file lives
   * @throws IOException when the registry cannot be read, naming its file
   */
  public FilesInput(FilesSettings settings, Path registryDir) throws IOException {
    this(settings, registryDir, FileOpener.DEFAULT);
  }

  /** With a chosen way of opening files (a test's fault injection). */
  public FilesInput(FilesSettings settings, Path registryDir, FileOpener opener) throws IOException {
    this.settings = settings;
    this.opener = opener;
    this.globs = new GlobSet(settings.paths(), settings.exclude());
    this.registry = Registry.open(registryDir, settings.name(), settings.registryFlush(), settings.forgetAfter());
  }

  @Override
  public String name() {
    return settings.name();
  }

  /** This input's registry (status and tests read it). */
  public Registry registry() {
    return registry;
  }

  @Override
  public void run(RecordSink sink) throws InterruptedException, IOException {
    runStarted = true;
    LOG.info("ship input started input={} paths={} registry={}", settings.name(), settings.paths(), registry.file());
    long nextScan = System.nanoTime();
    try {
      while (!closed) {
        long now = System.nanoTime();
        if (now - nextScan >= 0) {
          scan();
          nextScan = System.nanoTime() + settings.scanEvery().toNanos(); // from the scan's end: reading gets its time
        }
        boolean opened = openWaiting(sink);
        boolean progressed = readOpenFiles(sink) || opened;
        if (!progressed && !closed) {
          synchronized (idle) {
            idle.wait(IDLE_WAIT_MILLIS);
          }
        }
      }
    } catch (ClosedByInterruptException | InterruptedIOException e) {
      throw new InterruptedException("input " + settings.name() + " interrupted while reading");
    } finally {
      open.forEach(TrackedFile::close);
      open.clear();
      registry.close();
      LOG.info("ship input stopped input={}", settings.name());
    }
  }

  @Override
  public List<SourceStatus> status() {
    return tracked.values().stream().map(TrackedFile::status).toList();
  }

  /** How many files wait for an open-file slot. */
  public int waitingFiles() {
    return (int) tracked.values().stream().filter(file -> file.state() == TrackedFile.State.WAITING).count();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (idle) {
      idle.notifyAll();
    }
    if (!runStarted) {
      registry.close(); // never run: nothing else releases it (closing twice is harmless)
    }
  }

  /** Walks the globs: new files are queued, renamed ones followed, vanished ones marked, the registry told. */
  private void scan() throws InterruptedException {
    Map<FileIdentity, String> seen = new HashMap<>();
    List<RegistryEntry> started = new ArrayList<>();
    for (Path path : globs.matchingFiles()) {
      FileIdentity.Stat stat;
      try {
        stat = FileIdentity.stat(path);
      } catch (IOException e) {
        continue; // vanished between the walk and now
      }
      if (stat == null || seen.containsKey(stat.identity())) {
        continue;
      }
      seen.put(stat.identity(), path.toString());
      TrackedFile file = tracked.get(stat.identity());
      if (file == null) {
        discover(path, stat, started);
      } else {
        revisit(file, path, stat);
      }
    }
    registry.reset(started);
    RenameFinder renames = new RenameFinder();
    for (TrackedFile file : List.copyOf(tracked.values())) {
      if (!seen.containsKey(file.identity())) {
        vanished(file, renames);
      }
    }
    registry.markSeen(seen);
    firstScan = false;
  }

  private void discover(Path path, FileIdentity.Stat stat, List<RegistryEntry> started) {
    var entry = registry.find(stat.identity());
    Fingerprint fingerprint;
    boolean sameContent;
    try (FileChannel channel = opener.open(path)) {
      fingerprint = stat.size() == 0 ? null : Fingerprint.of(channel);
      sameContent = entry.isPresent() && sameContent(entry.get(), channel);
      failing.remove(path);
    } catch (IOException e) {
      if (failing.add(path)) {
        LOG.warn("ship file cannot be read input={} path={} error=\"{}\" (retried at every scan)", settings.name(),
            path, e.toString());
      }
      return;
    }
    long start;
    if (sameContent) {
      start = Math.min(entry.get().offset(), stat.size());
    } else if (entry.isPresent()) {
      LOG.info("ship file replaced input={} path={} identity={} (its inode was reused by new content: read from 0)",
          settings.name(), path, stat.identity());
      start = 0;
    } else {
      start = settings.startAtEnd() && firstScan ? stat.size() : 0;
    }
    TrackedFile file = new TrackedFile(stat.identity(), path, fingerprint, start, registry);
    file.sizeSeen(stat.size());
    if (!sameContent) {
      started.add(file.entryAt(start)); // where it starts, so a restart before any acknowledgement starts there too
    }
    tracked.put(stat.identity(), file);
    waiting.add(file);
  }

  /** Whether a registry entry was taken of the content now in {@code channel} (its first bytes are the same). */
  private static boolean sameContent(RegistryEntry entry, FileChannel channel) throws IOException {
    Fingerprint then = Fingerprint.parse(entry.fingerprint());
    if (then == null) {
      return entry.offset() == 0; // it was empty then: nothing of it was sent or skipped
    }
    return then.equals(Fingerprint.of(channel, then.length()));
  }

  private void revisit(TrackedFile file, Path path, FileIdentity.Stat stat) {
    if (!file.path().equals(path)) {
      file.movedTo(path);
    }
    file.outOfView = false;
    file.sizeSeen(stat.size());
    if (file.state() == TrackedFile.State.CLOSED && stat.size() != file.resumeOffset()) {
      file.waitToOpen(); // grew (or shrank: opening checks and starts over)
      waiting.add(file);
    }
  }

  /**
   * A known file no glob matches any more: renamed out of view (followed within its directory and read to its end)
   * or deleted (an open one is read to its end; one that is not open cannot be read and is forgotten).
   */
  private void vanished(TrackedFile file, RenameFinder renames) {
    if (file.outOfView) {
      if (file.state() == TrackedFile.State.CLOSED) {
        tracked.remove(file.identity()); // read to its end out of view, then closed: done with it
      }
      return;
    }
    Path renamed = renames.find(file.identity(), file.path());
    if (renamed == null) {
      if (file.state() == TrackedFile.State.OPEN) {
        file.deleted = true;
        LOG.info("ship file deleted input={} path={} (read to its end, then closed)", settings.name(), file.path());
      } else {
        forget(file);
      }
      return;
    }
    file.movedTo(renamed);
    file.outOfView = true;
    if (file.state() == TrackedFile.State.CLOSED) {
      FileIdentity.Stat stat = statOrNull(renamed);
      if (stat == null || stat.size() == file.resumeOffset()) {
        forget(file); // nothing unread: no need to follow it
        return;
      }
      file.waitToOpen(); // written since it was closed, then rotated: read what it got
      waiting.add(file);
    }
    LOG.info("ship file renamed out of the globs input={} path={} (read to its end, closed after close_inactive)",
        settings.name(), renamed);
  }

  private void forget(TrackedFile file) {
    tracked.remove(file.identity());
    waiting.remove(file);
  }

  private static FileIdentity.Stat statOrNull(Path path) {
    try {
      return FileIdentity.stat(path);
    } catch (IOException e) {
      return null;
    }
  }

  /** Opens waiting files while handles are free; whether any was opened. */
  private boolean openWaiting(RecordSink sink) {
    boolean opened = false;
    while (open.size() < settings.maxOpenFiles() && !waiting.isEmpty()) {
      TrackedFile file = waiting.poll();
      if (file.state() != TrackedFile.State.WAITING) {
        continue;
      }
      try {
        if (file.open(opener, settings.assembly(), settings.maxLineBytes(), sink)) {
          file.lastDataNanos = System.nanoTime();
          file.backoffNanos = 0;
          open.add(file);
          opened = true;
          failing.remove(file.path());
        } else {
          tracked.remove(file.identity()); // the path names another file now: the next scan finds it
        }
      } catch (IOException e) {
        if (failing.add(file.path())) {
          LOG.warn("ship file cannot be opened input={} path={} error=\"{}\" (retried at the next scan)",
              settings.name(), file.path(), e.toString());
        }
        tracked.remove(file.identity());
      }
    }
    return opened;
  }

  /** One round over the open files: reads each, then settles those at their end. Whether any bytes were read. */
  private boolean readOpenFiles(RecordSink sink) throws InterruptedException, IOException {
    boolean progressed = false;
    long now = System.nanoTime();
    for (TrackedFile file : List.copyOf(open)) {
      try {
        if (now - file.nextLookNanos < 0) {
          file.tick(now); // quiet: not looked at yet, but its open multiline group may be due
          continue;
        }
        if (file.shrankOrReplaced()) { // before every read: a truncated file must not be read at its old offset
          LOG.info("ship file truncated input={} path={} read={} (read again from 0)", settings.name(), file.path(),
              file.readOffset());
          file.truncated(settings.assembly(), sink);
        }
        long read = file.read(READ_BUDGET_BYTES);
        if (read > 0) {
          file.lastDataNanos = now;
          file.backoffNanos = 0;
          progressed = true;
          if (read >= READ_BUDGET_BYTES && !waiting.isEmpty() && !file.outOfView) {
            release(file); // its turn is over: the waiting files get theirs, it queues again behind them
            file.waitToOpen();
            waiting.add(file);
          }
        } else {
          file.backoffNanos = Math.min(MAX_BACKOFF_NANOS, Math.max(IDLE_WAIT_MILLIS * 1_000_000, file.backoffNanos * 2));
          file.nextLookNanos = now + file.backoffNanos;
          file.tick(now);
          progressed |= settle(file, now) && !waiting.isEmpty(); // a freed handle: open the next file at once
        }
      } catch (ClosedByInterruptException e) {
        throw e;
      } catch (IOException e) {
        LOG.warn("ship file read failed input={} path={} error=\"{}\" (closed; reopened at the next scan)",
            settings.name(), file.path(), e.toString());
        release(file);
        tracked.remove(file.identity());
      }
    }
    return progressed;
  }

  /**
   * A file at its current end: finished (deleted), inactive, or yielding its handle to a waiting file. Whether its
   * handle was released.
   */
  private boolean settle(TrackedFile file, long now) throws IOException, InterruptedException {
    if (file.currentSize() != file.readOffset()) {
      return false; // grew (read it next round) or shrank (started over next round)
    }
    boolean inactive = now - file.lastDataNanos >= settings.closeInactive().toNanos();
    if (file.deleted) {
      file.finish();
      release(file);
      tracked.remove(file.identity());
      return true;
    }
    if (inactive || !waiting.isEmpty() && !file.outOfView) {
      release(file);
      if (file.outOfView) {
        tracked.remove(file.identity());
      }
      return true;
    }
    return false;
  }

  private void release(TrackedFile file) {
    file.close();
    open.remove(file);
  }
}
