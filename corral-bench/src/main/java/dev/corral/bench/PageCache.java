package dev.corral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Empties the operating system's page cache so that the next query reads the index from disk:
 * the "cold" runs. Linux only, and only as root: {@code sync}, then {@code 1} into {@code
 * /proc/sys/vm/drop_caches} (clean page cache pages; dirty ones are written first by the sync).
 * It drops the cache of the whole machine, not just the peer's files, but not pages a process
 * keeps mapped: a peer that maps its index must release it first ({@link Peer#restartCold}).
 * Stateless; thread-safe.
 */
public final class PageCache {
  static final Path LINUX_DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

  private final Path dropCaches;

  /** @param dropCaches the kernel's control file, {@link #LINUX_DROP_CACHES} outside tests */
  PageCache(Path dropCaches) {
    this.dropCaches = dropCaches;
  }

  /**
   * Syncs and drops the page cache.
   *
   * @return whether it was dropped; false when this machine does not allow it (not Linux, not root)
   */
  public boolean drop() throws InterruptedException {
    try {
      Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
      sync.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (sync.waitFor() != 0) {
        return false;
      }
      Files.writeString(dropCaches, "1");
      return true;
    } catch (IOException notAllowed) {
      return false;
    }
  }
}
