package dev.corral.server.archive;

import java.util.Objects;

/**
 * One Lucene file of an archived day, as its manifest lists it.
 *
 * @param name the file name, which is also the last part of its object key
 * @param bytes its size
 * @param sha256 the SHA-256 of its content, 64 lowercase hex digits
 */
record ManifestFile(String name, long bytes, String sha256) {
  ManifestFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    if (name.isEmpty() || name.contains("/") || name.equals(ArchiveManifest.NAME)) {
      throw new IllegalArgumentException("file name '" + name + "' is not a Lucene file name");
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("file " + name + " has " + bytes + " bytes");
    }
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("file " + name + " has sha256 '" + sha256 + "', not 64 lowercase hex digits");
    }
  }
}
