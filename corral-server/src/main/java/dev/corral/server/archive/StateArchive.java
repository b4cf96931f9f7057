package dev.corral.server.archive;

import dev.corral.server.config.ArchiveSection;
import dev.corral.server.status.ServerVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server's own state in the archive (docs/operations.md, "Disaster recovery"): the files of
 * {@link #STATE_PATHS} under the data directory, uploaded as a snapshot {@code state/<id>/files/<path>}
 * plus, last, {@code state/<id>/manifest.json} ({@link StateSnapshotManifest}); and the restore of
 * the newest snapshot into a fresh data directory, every file checked against the manifest before
 * any is installed. Not thread-safe: the archive's thread uploads; a restore runs offline.
 */
public final class StateArchive {
  /**
   * What the state is, relative to the data directory: a file, or a directory whose files all count.
   * Pipelines and alert rules join by adding their path here. keys.json holds only Argon2id hashes.
   */
  public static final List<String> STATE_PATHS = List.of("auth/keys.json", "retention.json", "dashboards", "pipelines",
      "alerts");
  static final String STATE = "state/";
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final ArchiveBucket bucket;
  private final Path dataDir;
  private final Clock clock;

  StateArchive(ArchiveBucket bucket, Path dataDir, Clock clock) {
    this.bucket = bucket;
    this.dataDir = dataDir;
    this.clock = clock;
  }

  /** The state files now, by path, with their sizes and SHA-256. */
  List<StateSnapshotManifest.StateFile> describe() throws IOException {
    List<StateSnapshotManifest.StateFile> files = new ArrayList<>();
    for (String path : STATE_PATHS) {
      Path root = dataDir.resolve(path);
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
          try (InputStream in = Files.newInputStream(file)) {
            ContentDigest.Digest digest = ContentDigest.sha256(in);
            files.add(new StateSnapshotManifest.StateFile(dataDir.relativize(file).toString().replace('\\', '/'),
                digest.bytes(), digest.sha256()));
          }
        }
      }
    }
    return files;
  }

  /**
   * Uploads {@code files} (as {@link #describe()} gave them) as a new snapshot, the manifest last,
   * and checks the listing has every file at its size. A file that changed meanwhile makes its
   * digest differ: the snapshot is refused by a restore, and the next change uploads another.
   */
  StateSnapshotManifest upload(List<StateSnapshotManifest.StateFile> files) throws IOException {
    Instant now = clock.instant();
    StateSnapshotManifest manifest = new StateSnapshotManifest(ID.format(now), now, ServerVersion.get(), files);
    String prefix = STATE + manifest.id() + "/";
    for (StateSnapshotManifest.StateFile file : files) {
      bucket.put(prefix + "files/" + file.path(), dataDir.resolve(file.path()));
    }
    bucket.put(prefix + StateSnapshotManifest.NAME, manifest.toJson());
    Map<String, Long> listed = bucket.list(prefix);
    for (StateSnapshotManifest.StateFile file : files) {
      Long size = listed.get(prefix + "files/" + file.path());
      if (size == null || size != file.bytes()) {
        throw new ArchiveVerificationException(bucket.describe(prefix + "files/" + file.path()) + " has " + size
            + " bytes after upload; the manifest says " + file.bytes());
      }
    }
    return manifest;
  }

  /** The newest snapshot's manifest, if the archive has one. */
  Optional<StateSnapshotManifest> latest() throws IOException {
    Optional<String> newest = bucket.list(STATE).keySet().stream()
        .filter(key -> key.endsWith("/" + StateSnapshotManifest.NAME) && key.split("/").length == 3)
        .max(Comparator.naturalOrder());
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = bucket.read(newest.get())) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(StateSnapshotManifest.parse(in.readAllBytes(), bucket.describe(newest.get())));
    }
  }

  /**
   * Restores the newest state snapshot of the archive {@code config} names into {@code dataDir}
   * (offline: no server may run on it): downloads every file into {@code dataDir/.state-restore},
   * checks each against the manifest, then moves them into place.
   *
   * @return the manifest restored
   * @throws IOException when there is no snapshot, a state file already exists in {@code dataDir}
   *     (naming it: this is for a fresh data directory), or an object is missing or differs from the
   *     manifest (naming the object); nothing is installed then
   */
  public static Restored restore(ArchiveSection config, Path dataDir) throws IOException {
    try (ArchiveBucket bucket = ArchiveBucket.of(config)) {
      StateArchive archive = new StateArchive(bucket, dataDir, Clock.systemUTC());
      StateSnapshotManifest manifest = archive.latest().orElseThrow(() -> new IOException("the archive "
          + config.url() + " has no state snapshot under " + bucket.describe(STATE)));
      for (StateSnapshotManifest.StateFile file : manifest.files()) {
        if (Files.exists(dataDir.resolve(file.path()))) {
          throw new IOException(dataDir.resolve(file.path()) + " exists: a state restore installs into a fresh data"
              + " directory; move it away first");
        }
      }
      Path staging = dataDir.resolve(".state-restore");
      archive.download(manifest, staging);
      for (StateSnapshotManifest.StateFile file : manifest.files()) {
        Path target = dataDir.resolve(file.path());
        Files.createDirectories(target.getParent());
        Files.move(staging.resolve(file.path()), target, StandardCopyOption.ATOMIC_MOVE);
      }
      try (Stream<Path> left = Files.walk(staging)) {
        for (Path path : (Iterable<Path>) left.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
      return new Restored(manifest.id(), manifest.createdAt(),
          manifest.files().stream().map(StateSnapshotManifest.StateFile::path).toList());
    }
  }

  private void download(StateSnapshotManifest manifest, Path into) throws IOException {
    String prefix = STATE + manifest.id() + "/files/";
    for (StateSnapshotManifest.StateFile file : manifest.files()) {
      String key = prefix + file.path();
      Path local = into.resolve(file.path());
      Files.createDirectories(local.getParent());
      try (InputStream in = bucket.read(key)) {
        if (in == null) {
          throw new ArchiveVerificationException(bucket.describe(key) + " is missing; the state manifest lists it");
        }
        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
      }
      ContentDigest.requireMatch(local, bucket.describe(key), file.bytes(), file.sha256());
    }
  }

  /**
   * What a restore installed.
   *
   * @param id the snapshot's id
   * @param files the paths installed, relative to the data directory
   */
  public record Restored(String id, Instant createdAt, List<String> files) {}
}
