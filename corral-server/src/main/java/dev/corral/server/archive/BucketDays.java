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
 * the upload is whole); of several generations of a day (a crash between a new generation's record
 * and the old one's deletion) the newest manifest ({@code created_at}) counts: generation numbers
 * do not order uploads, since a day merged with late events is uploaded under its local partition's
 * generation, which may be lower than the archived one.
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
    TreeMap<LocalDate, List<Long>> generations = new TreeMap<>();
    for (String key : bucket.list(ArchiveKeys.DAYS).keySet()) {
      String[] parts = key.substring(ArchiveKeys.DAYS.length()).split("/");
      if (parts.length != 3 || !parts[2].equals(ArchiveManifest.NAME)) {
        continue;
      }
      try {
        generations.computeIfAbsent(LocalDate.parse(parts[0]), day -> new ArrayList<>()).add(Long.parseLong(parts[1]));
      } catch (DateTimeParseException | NumberFormatException e) {
        continue; // not an object of Corral's layout
      }
    }
    List<ArchivedDay> days = new ArrayList<>();
    generations.keySet().removeAll(localDays);
    for (var day : generations.entrySet()) {
      ArchiveManifest newest = null;
      for (long generation : day.getValue()) {
        ArchiveManifest manifest = download.manifest(day.getKey(), generation);
        if (newest == null || manifest.createdAt().isAfter(newest.createdAt())) {
          newest = manifest;
        }
      }
      days.add(new ArchivedDay(newest.day(), newest.generation(), newest.events(), newest.bytes(), newest.createdAt(),
          false));
    }
    return days;
  }
}
