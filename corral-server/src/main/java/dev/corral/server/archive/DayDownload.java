package dev.corral.server.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Downloads one archived day into a directory of its own (docs/operations.md, "The fetch cache"):
 * every file the manifest lists, each checked against the manifest's size and SHA-256 while it is
 * written, then the manifest itself, each file forced to disk. The caller renames the directory into
 * place only after {@link #into} returns: a reader never sees half a day.
 */
final class DayDownload {
  private final ArchiveBucket bucket;
  private final FetchSeam seam;

  DayDownload(ArchiveBucket bucket, FetchSeam seam) {
    this.bucket = bucket;
    this.seam = seam;
  }

  /** Reads and parses the manifest of {@code day}'s upload {@code generation}. */
  ArchiveManifest manifest(LocalDate day, long generation) throws IOException {
    String key = ArchiveKeys.manifest(day, generation);
    try (InputStream in = bucket.read(key)) {
      if (in == null) {
        throw new ArchiveVerificationException(bucket.describe(key) + " is missing; state.json records the day");
      }
      return ArchiveManifest.parse(in.readAllBytes(), bucket.describe(key));
    }
  }

  /**
   * Writes every file of {@code manifest} and the manifest into {@code directory} (created empty).
   *
   * @throws ArchiveVerificationException naming the object whose size or SHA-256 is not the manifest's
   * @throws ArchiveUnavailableException when the bucket cannot be read
   * @throws IOException when the local disk fails (e.g. it is full)
   */
  void into(ArchiveManifest manifest, Path directory) throws IOException {
    Files.createDirectories(directory);
    writeFiles(manifest, directory);
    Path manifestFile = directory.resolve(ArchiveManifest.NAME);
    Files.write(manifestFile, manifest.toJson());
    force(manifestFile);
  }

  /**
   * Writes only the files of {@code manifest} (not the manifest) into {@code directory}, emptied
   * first: a working copy of the day's Lucene index (an erasure rewrites it), checked as {@link #into}.
   */
  void filesInto(ArchiveManifest manifest, Path directory) throws IOException {
    empty(directory);
    writeFiles(manifest, directory);
  }

  private void writeFiles(ArchiveManifest manifest, Path directory) throws IOException {
    String prefix = ArchiveKeys.upload(manifest.day(), manifest.generation());
    for (ManifestFile file : manifest.files()) {
      String key = prefix + file.name();
      Path target = directory.resolve(file.name());
      try (InputStream object = bucket.read(key)) {
        if (object == null) {
          throw new ArchiveVerificationException(bucket.describe(key) + " is missing; the manifest lists it");
        }
        DigestInputStream in = new DigestInputStream(object, sha256());
        long written = write(in, target);
        String sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
        if (written != file.bytes() || !sha.equals(file.sha256())) {
          throw new ArchiveVerificationException(bucket.describe(key) + " has sha256 " + sha + " (" + written
              + " bytes); the manifest says " + file.sha256() + " (" + file.bytes() + " bytes)");
        }
      }
      seam.written(manifest.day().toString(), target);
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

  private static long write(InputStream in, Path target) throws IOException {
    long written;
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      written = in.transferTo(out);
    }
    force(target);
    return written;
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JDK has SHA-256", e);
    }
  }
}
