package dev.corral.ship.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which file a path names right now: its device and inode. A rename keeps them; a new file (a rotation's new
 * {@code app.log}) has other ones. An inode can be reused once a file is deleted, so the registry pairs the
 * identity with a {@link Fingerprint} of the content.
 *
 * @param device the file system's device number ({@code unix:dev})
 * @param inode  the file's inode number ({@code unix:ino})
 */
public record FileIdentity(long device, long inode) {
  /** A regular file's identity and size, read in one call; null when {@code path} is not a regular file. */
  static Stat stat(Path path) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino,size,isRegularFile");
    if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
      return null;
    }
    FileIdentity identity = new FileIdentity((Long) attributes.get("dev"), (Long) attributes.get("ino"));
    return new Stat(identity, (Long) attributes.get("size"));
  }

  /** A file's identity and its size when it was looked at. */
  record Stat(FileIdentity identity, long size) {}

  @Override
  public String toString() {
    return device + ":" + inode;
  }
}
