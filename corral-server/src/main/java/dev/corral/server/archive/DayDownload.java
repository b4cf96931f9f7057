package dev.corral.server.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Downloads one archived day's files, as its manifest lists them, into a local directory (emptied
 * first), and checks each against the manifest: a file whose size or SHA-256 differs is an {@link
 * ArchiveVerificationException} naming its object, and nothing is used. Not thread-safe: one caller
 * owns the directory.
 */
final class DayDownload {
  private final ArchiveBucket bucket;

  DayDownload(ArchiveBucket bucket) {
    this.bucket = bucket;
  }

  /** Downloads every file of {@code manifest} into {@code into}. */
  void download(ArchiveManifest manifest, Path into) throws IOException {
    empty(into);
    String prefix = ArchiveKeys.upload(manifest.day(), manifest.generation());
    for (ManifestFile file : manifest.files()) {
      String key = prefix + file.name();
      Path local = into.resolve(file.name());
      try (InputStream in = bucket.read(key)) {
        if (in == null) {
          throw new ArchiveVerificationException(bucket.describe(key) + " is missing; the manifest lists it");
        }
        Files.copy(in, local);
      }
      ContentDigest.requireMatch(local, bucket.describe(key), file.bytes(), file.sha256());
    }
  }

  private static void empty(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(directory);
  }
}
