package dev.corral.server.archive;

import dev.corral.server.search.ArchiveCacheFullException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch cache of archived days (docs/operations.md, "The fetch cache"): {@code
 * data/archive/cache/YYYY-MM-DD/} holds one downloaded day, its Lucene files and its {@code
 * manifest.json}. Contract:
 *
 * <ol>
 *   <li>A day appears whole or not at all: it is downloaded into {@code .fetching-YYYY-MM-DD/},
 *       every file checked against the manifest, then renamed into place; a leftover download (a
 *       crash) is deleted when the cache opens, and a directory without a readable manifest too.
 *   <li>The cache holds at most {@code archive.cache_bytes} (downloads under way counted): room for
 *       a day is made by deleting the least recently used days that no query holds ({@link Lease})
 *       and no restore pinned ({@link DayPins}). Local partitions are never in it, so never evicted.
 *   <li>Last use is the day directory's modification time, so the order survives a restart.
 *   <li>No room (pinned and held days fill it, or the disk is full while writing) is a {@link
 *       ArchiveCacheFullException} naming the day and the bytes it needs; the partial download is removed
 *       and the other days are untouched.
 * </ol>
 *
 * <p>Thread-safe: different days download in parallel, one day once at a time.
 */
final class FetchCache {
  private static final Logger log = LoggerFactory.getLogger(FetchCache.class);
  /** Downloads under way; never a day's name, so never mistaken for a cached day. */
  static final String PARTIAL_PREFIX = ".fetching-";

  private final Path directory;
  private final long maxBytes;
  private final DayDownload download;
  private final DayPins pins;
  private final Map<LocalDate, Entry> entries = new HashMap<>(); // guarded by this
  private final ConcurrentHashMap<LocalDate, Object> dayLocks = new ConcurrentHashMap<>();
  private long reservedBytes; // guarded by this

  /**
   * A cached day: its generation and events (together they name one upload: a day whose late events
   * were merged locally may be uploaded again under a generation number it had before), bytes, the
   * queries holding it and when it was last used.
   */
  private static final class Entry {
    final LocalDate day;
    final long generation;
    final long events;
    final long bytes;
    int holders;
    long lastUseMillis;

    Entry(LocalDate day, long generation, long events, long bytes, long lastUseMillis) {
      this.day = day;
      this.generation = generation;
      this.events = events;
      this.bytes = bytes;
      this.lastUseMillis = lastUseMillis;
    }

    boolean isUploadOf(ArchivedDay archived) {
      return generation == archived.generation() && events == archived.events();
    }
  }

  private FetchCache(Path directory, long maxBytes, DayDownload download, DayPins pins) {
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.download = download;
    this.pins = pins;
  }

  /**
   * Opens the cache in {@code directory}, rebuilding its index from the day directories there and
   * deleting leftover downloads and anything that is not a whole day.
   */
  static FetchCache open(Path directory, long maxBytes, DayDownload download, DayPins pins) throws IOException {
    Files.createDirectories(directory);
    FetchCache cache = new FetchCache(directory, maxBytes, download, pins);
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        Entry entry = cache.read(child);
        if (entry == null) {
          log.atInfo().addKeyValue("path", child).log("archive cache: removed a partial or unreadable download");
          deleteTree(child);
        } else {
          cache.entries.put(entry.day, entry);
        }
      }
    }
    return cache;
  }

  private Entry read(Path child) {
    String name = child.getFileName().toString();
    if (name.startsWith(PARTIAL_PREFIX) || !Files.isDirectory(child)) {
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(name);
      ArchiveManifest manifest = ArchiveManifest.parse(Files.readAllBytes(child.resolve(ArchiveManifest.NAME)),
          child.resolve(ArchiveManifest.NAME).toString());
      if (!manifest.day().equals(day)) {
        return null;
      }
      return new Entry(day, manifest.generation(), manifest.events(), bytesOf(manifest),
          Files.getLastModifiedTime(child).toMillis());
    } catch (IOException | DateTimeParseException e) {
      return null;
    }
  }

  private static long bytesOf(ArchiveManifest manifest) {
    return manifest.bytes() + manifest.toJson().length;
  }

  /**
   * Holds {@code day} in the cache for the caller, downloading it first when it is not there (or is
   * another generation than {@code day}'s). Release with {@link Lease#close()}.
   *
   * @throws ArchiveCacheFullException when there is no room for the day (the message names it and the bytes)
   * @throws ArchiveVerificationException naming the object that differs from the manifest
   * @throws ArchiveUnavailableException when the bucket cannot be read
   */
  Lease hold(ArchivedDay day) throws IOException {
    synchronized (dayLocks.computeIfAbsent(day.day(), d -> new Object())) {
      synchronized (this) {
        Entry cached = entries.get(day.day());
        if (cached != null && (cached.isUploadOf(day) || cached.holders > 0)) {
          return lease(cached, true);
        }
      }
      ArchiveManifest manifest = download.manifest(day.day(), day.generation());
      long need = bytesOf(manifest);
      reserve(day.day(), need);
      Path partial = directory.resolve(PARTIAL_PREFIX + day.day());
      try {
        deleteTree(partial);
        download.into(manifest, partial);
        synchronized (this) {
          Entry stale = entries.remove(day.day());
          Path target = directory.resolve(day.day().toString());
          if (stale != null) {
            deleteTree(target);
          }
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
          Entry entry = new Entry(day.day(), manifest.generation(), manifest.events(), need,
              System.currentTimeMillis());
          entries.put(day.day(), entry);
          return lease(entry, false);
        }
      } catch (IOException | RuntimeException e) {
        deleteQuietly(partial);
        if (isDiskFull(e)) {
          throw new ArchiveCacheFullException("the disk ran out of space fetching archived day " + day.day() + " into "
              + directory + ": it needs " + need + " bytes, " + directory.toFile().getUsableSpace()
              + " are free now; the partial download was removed", e);
        }
        throw e;
      } finally {
        synchronized (this) {
          reservedBytes -= need;
        }
      }
    }
  }

  /** Makes room for {@code need} bytes of {@code day}, evicting least recently used days. Caller holds no lock. */
  private synchronized void reserve(LocalDate day, long need) throws ArchiveCacheFullException {
    List<Entry> evictable = new ArrayList<>(entries.values().stream()
        .filter(entry -> entry.holders == 0 && !pins.contains(entry.day) && !entry.day.equals(day))
        .sorted(Comparator.comparingLong((Entry entry) -> entry.lastUseMillis)).toList());
    while (usedBytes() + need > maxBytes && !evictable.isEmpty()) {
      Entry evicted = evictable.removeFirst();
      entries.remove(evicted.day);
      try {
        deleteTree(directory.resolve(evicted.day.toString()));
        log.atInfo().addKeyValue("day", evicted.day).addKeyValue("bytes", evicted.bytes)
            .log("archive cache: evicted the least recently used day");
      } catch (IOException e) {
        log.atWarn().addKeyValue("day", evicted.day).addKeyValue("reason", e.getMessage())
            .log("archive cache: cannot delete an evicted day");
      }
    }
    if (usedBytes() + need > maxBytes) {
      throw new ArchiveCacheFullException("archived day " + day + " needs " + need + " bytes in the fetch cache; "
          + "archive.cache_bytes is " + maxBytes + " and " + usedBytes()
          + " bytes are held by pinned days, running queries and downloads", null);
    }
    long free = directory.toFile().getUsableSpace();
    if (free < need) {
      throw new ArchiveCacheFullException("archived day " + day + " needs " + need + " bytes; the disk of " + directory
          + " has " + free + " free", null);
    }
    reservedBytes += need;
  }

  private long usedBytes() {
    return reservedBytes + entries.values().stream().mapToLong(entry -> entry.bytes).sum();
  }

  private Lease lease(Entry entry, boolean fromCache) {
    entry.holders++;
    entry.lastUseMillis = Math.max(System.currentTimeMillis(), entry.lastUseMillis + 1);
    try {
      Files.setLastModifiedTime(directory.resolve(entry.day.toString()), FileTime.fromMillis(entry.lastUseMillis));
    } catch (IOException e) {
      log.atDebug().addKeyValue("day", entry.day).addKeyValue("reason", e.getMessage())
          .log("archive cache: cannot record the last use");
    }
    return new Lease(entry, directory.resolve(entry.day.toString()), fromCache);
  }

  private synchronized void release(Entry entry) {
    if (--entry.holders < 0) {
      throw new IllegalStateException("BUG: archive cache day " + entry.day + " released more than held");
    }
  }

  /** Whether {@code day} is in the cache now (whole), in its recorded generation. */
  synchronized boolean has(ArchivedDay day) {
    Entry entry = entries.get(day.day());
    return entry != null && entry.isUploadOf(day);
  }

  /** The cache's stats: bytes, limit, days cached, days held by queries. */
  synchronized Map<String, Object> stats() {
    Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("bytes", usedBytes());
    json.put("max_bytes", maxBytes);
    json.put("days", entries.keySet().stream().sorted().map(LocalDate::toString).toList());
    json.put("held", entries.values().stream().filter(entry -> entry.holders > 0).count());
    return json;
  }

  private static boolean isDiskFull(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String reason = cause instanceof FileSystemException fs ? fs.getReason() : cause.getMessage();
      if (reason != null && reason.contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }

  private static void deleteQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      log.atWarn().addKeyValue("path", root).addKeyValue("reason", e.getMessage())
          .log("archive cache: cannot remove a failed download; it is removed at the next start");
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  /** A day held in the cache: not evicted until closed. Close exactly once. */
  final class Lease implements Closeable {
    private final Entry entry;
    private final Path path;
    private final boolean fromCache;
    private boolean closed;

    private Lease(Entry entry, Path path, boolean fromCache) {
      this.entry = entry;
      this.path = path;
      this.fromCache = fromCache;
    }

    LocalDate day() {
      return entry.day;
    }

    /** The day's directory: its Lucene files and manifest. */
    Path path() {
      return path;
    }

    /** Whether the day was in the cache already (no download). */
    boolean fromCache() {
      return fromCache;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        release(entry);
      }
    }
  }
}
