package dev.corral.server.archive;

import java.time.LocalDate;

/**
 * The archive's object layout under {@code archive.url}'s prefix: {@code days/YYYY-MM-DD/GENERATION/}
 * holds one day's Lucene files and, written last, its {@code manifest.json}.
 */
final class ArchiveKeys {
  /** Every archived day is under this. */
  static final String DAYS = "days/";

  private ArchiveKeys() {}

  /** {@code days/YYYY-MM-DD/}: every upload of the day. */
  static String day(LocalDate day) {
    return DAYS + day + "/";
  }

  /** {@code days/YYYY-MM-DD/GENERATION/}: one upload, one Lucene commit. */
  static String upload(LocalDate day, long generation) {
    return day(day) + generation + "/";
  }

  /** The manifest of one upload. */
  static String manifest(LocalDate day, long generation) {
    return upload(day, generation) + ArchiveManifest.NAME;
  }
}
