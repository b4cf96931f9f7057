package dev.corral.server.archive;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The days the bucket holds, read from its listing and manifests: how a server with an empty (or
 * lost) {@code state.json} and the same {@code archive.url} learns the archived days
 * (docs/operations.md, "Disaster recovery"). A day counts only with its manifest (written last, so
 * the upload is whole); of several generations of a day the highest counts (the newest commit).
 * Days the local store has are left out: the archive pass verifies and records those itself, so an
 * upload a crash cut short after its manifest is never taken as verified.
 */
final class BucketDays {
  private final ArchiveBucket bucket;
  private final DayDownload download;

  BucketDays(ArchiveBucket bucket, DayDownload download) {
    this.bucket = bucket;
    this.download = download;
  }

  /**
   * Every day with a manifest in the bucket that the local store does not have, oldest first.
   *
   * @param localDays the days the local store has: left out
   */
  List<ArchivedDay> list(Set<LocalDate> localDays) throws IOException {
    TreeMap<LocalDate, Long> newest = new TreeMap<>();
    for (String key : bucket.list(ArchiveKeys.DAYS).keySet()) {
      String[] parts = key.substring(ArchiveKeys.DAYS.length()).split("/");
      if (parts.length != 3 || !parts[2].equals(ArchiveManifest.NAME)) {
        continue;
      }
      try {
        newest.merge(LocalDate.parse(parts[0]), Long.parseLong(parts[1]), Math::max);
      } catch (DateTimeParseException | NumberFormatException e) {
        continue; // not an object of Corral's layout
      }
    }
    List<ArchivedDay> days = new ArrayList<>();
    newest.keySet().removeAll(localDays);
    for (var day : newest.entrySet()) {
      ArchiveManifest manifest = download.manifest(day.getKey(), day.getValue());
      days.add(new ArchivedDay(manifest.day(), manifest.generation(), manifest.events(), manifest.bytes(),
          manifest.createdAt(), false));
    }
    return days;
  }
}
