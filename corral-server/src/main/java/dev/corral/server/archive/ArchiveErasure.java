package dev.corral.server.archive;

/**
 * What an erasure did to the archive's copy of one day ({@link ArchiveService#erase}).
 *
 * @param archived whether the archive holds the day
 * @param rewritten whether the day's objects were replaced by a new generation without the erased events
 * @param deletedFromArchivedCopy events deleted in the downloaded copy of a day only the archive
 *     holds (0 for a day the store holds: its events were counted when the store deleted them)
 */
public record ArchiveErasure(boolean archived, boolean rewritten, long deletedFromArchivedCopy) {
  /** The day is not in the archive (or the archive is off). */
  public static final ArchiveErasure NOT_ARCHIVED = new ArchiveErasure(false, false, 0);
}
