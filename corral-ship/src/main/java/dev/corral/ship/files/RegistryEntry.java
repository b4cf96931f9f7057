package dev.corral.ship.files;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the registry remembers of one file: where it was, which file it was, and how far its records are
 * acknowledged.
 *
 * @param path        the path it was last seen at (for people; the identity is what counts)
 * @param dev         its device number
 * @param inode       its inode number
 * @param fingerprint its {@link Fingerprint} as {@code length:hash}, or null when it was empty
 * @param offset      the byte offset up to which its records are acknowledged: the resume point
 * @param seen        when a scan last found it, in epoch milliseconds (entries of files gone for long are pruned)
 */
public record RegistryEntry(@JsonProperty("path") String path, @JsonProperty("dev") long dev,
    @JsonProperty("inode") long inode, @JsonProperty("fingerprint") String fingerprint,
    @JsonProperty("offset") long offset, @JsonProperty("seen") long seen) {
  public RegistryEntry {
    if (offset < 0) {
      throw new IllegalArgumentException("registry entry for " + path + ": offset " + offset + " is negative");
    }
  }

  FileIdentity identity() {
    return new FileIdentity(dev, inode);
  }

  RegistryEntry withOffset(long newOffset) {
    return new RegistryEntry(path, dev, inode, fingerprint, newOffset, seen);
  }

  RegistryEntry seenAt(String newPath, long millis) {
    return new RegistryEntry(newPath, dev, inode, fingerprint, offset, millis);
  }
}
