package dev.corral.server.search;

import java.io.IOException;

/**
 * An archived day cannot be fetched for lack of room: the cache ({@code archive.cache_bytes}) is
 * full of pinned days and days running queries hold, or the disk ran out of space while the day was
 * written. The message names the day, the bytes it needs and the limit or the free space; the partial
 * download is already removed and no other cached day was harmed.
 */
public final class ArchiveCacheFullException extends IOException {
  private static final long serialVersionUID = 1L;

  public ArchiveCacheFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
