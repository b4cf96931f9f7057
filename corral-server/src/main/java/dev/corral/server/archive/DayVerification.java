package dev.corral.server.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Checks an upload in the bucket against its manifest (docs/operations.md, "Verification"): the
 * listing has every file with the manifest's size, then each object is read back whole and its
 * SHA-256 compared. Reading back costs a second transfer of the day; it is what proves the bytes
 * at rest are the bytes sent, on any S3-compatible store (S3's own additional checksums are not
 * used: not every compatible store keeps them).
 */
final class DayVerification {
  private final ArchiveBucket bucket;

  DayVerification(ArchiveBucket bucket) {
    this.bucket = bucket;
  }

  /**
   * @throws ArchiveVerificationException naming the first object that is missing or differs
   * @throws ArchiveUnavailableException when the bucket cannot be read
   */
  void verify(ArchiveManifest manifest) throws IOException {
    String prefix = ArchiveKeys.upload(manifest.day(), manifest.generation());
    Map<String, Long> listed = bucket.list(prefix);
    if (!listed.containsKey(prefix + ArchiveManifest.NAME)) {
      throw new ArchiveVerificationException(bucket.describe(prefix + ArchiveManifest.NAME) + " is missing");
    }
    for (ManifestFile file : manifest.files()) {
      String key = prefix + file.name();
      Long size = listed.get(key);
      if (size == null) {
        throw new ArchiveVerificationException(bucket.describe(key) + " is missing; the manifest lists it");
      }
      if (size != file.bytes()) {
        throw new ArchiveVerificationException(bucket.describe(key) + " has " + size + " bytes; the manifest says "
            + file.bytes());
      }
    }
    for (ManifestFile file : manifest.files()) {
      String key = prefix + file.name();
      ContentDigest.Digest digest;
      try (InputStream in = bucket.read(key)) {
        if (in == null) {
          throw new ArchiveVerificationException(bucket.describe(key) + " is missing; the manifest lists it");
        }
        digest = ContentDigest.sha256(in);
      } catch (ArchiveVerificationException | ArchiveUnavailableException e) {
        throw e;
      } catch (IOException e) {
        throw new ArchiveUnavailableException("cannot read " + bucket.describe(key) + ": " + e.getMessage(), e);
      }
      if (!digest.sha256().equals(file.sha256()) || digest.bytes() != file.bytes()) {
        throw new ArchiveVerificationException(bucket.describe(key) + " has sha256 " + digest.sha256() + " ("
            + digest.bytes() + " bytes); the manifest says " + file.sha256() + " (" + file.bytes() + " bytes)");
      }
    }
  }
}
