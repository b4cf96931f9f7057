package dev.corral.server.archive;

import dev.corral.server.status.ServerVersion;
import dev.corral.store.PartitionSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads one snapshot of a day (docs/operations.md, "What is uploaded"): each Lucene file to
 * {@code days/DAY/GENERATION/NAME} (files of at least {@code partBytes} in a multipart upload of parts
 * that size), then the manifest, last: an upload without its manifest is not complete and is redone
 * by the next pass, its objects overwritten. Not thread-safe: one pass at a time.
 */
final class DayUpload {
  private final ArchiveBucket bucket;
  private final long partBytes;
  private final UploadSeam seam;
  private final Clock clock;

  DayUpload(ArchiveBucket bucket, long partBytes, UploadSeam seam, Clock clock) {
    this.bucket = bucket;
    this.partBytes = partBytes;
    this.seam = seam;
    this.clock = clock;
  }

  /** The manifest of {@code snapshot}: its info and each file's size and SHA-256, read from the local links. */
  ArchiveManifest describe(PartitionSnapshot snapshot) throws IOException {
    List<ManifestFile> files = new ArrayList<>();
    for (Path file : snapshot.files()) {
      try (InputStream in = Files.newInputStream(file)) {
        ContentDigest.Digest digest = ContentDigest.sha256(in);
        files.add(new ManifestFile(file.getFileName().toString(), digest.bytes(), digest.sha256()));
      }
    }
    PartitionSnapshot.Info info = snapshot.info();
    return new ArchiveManifest(info.day(), info.generation(), info.tier().label(), info.events(), info.firstEvent(),
        info.lastEvent(), info.services(), files, ServerVersion.get(), clock.instant());
  }

  /** Uploads the files of {@code snapshot}, then {@code manifest}. */
  void upload(PartitionSnapshot snapshot, ArchiveManifest manifest) throws Exception {
    String prefix = ArchiveKeys.upload(manifest.day(), manifest.generation());
    for (Path file : snapshot.files()) {
      String key = prefix + file.getFileName();
      long size = Files.size(file);
      if (size >= partBytes) {
        bucket.putMultipart(key, file, size, partBytes, part -> reachPart(key, part));
      } else {
        bucket.put(key, file);
      }
      seam.reached("object", key);
    }
    String manifestKey = ArchiveKeys.manifest(manifest.day(), manifest.generation());
    bucket.put(manifestKey, manifest.toJson());
    seam.reached("manifest", manifestKey);
  }

  private void reachPart(String key, int part) {
    try {
      seam.reached("part", key + "#" + part);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("test seam failed at part " + part + " of " + key, e);
    }
  }
}
