package dev.corral.opensearch.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * This Corral node's stable id, part of the {@code _id} of every document written from its WAL: a
 * random UUID made once and kept in {@code <data>/node-id}, so a restart writes the same ids again
 * (overwrites) and two nodes never write the same ones.
 */
public final class NodeId {
  static final String FILE = "node-id";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private NodeId() {}

  /**
   * The id kept in {@code directory}, made and written (atomically) when there is none yet.
   *
   * @throws IOException naming the file when it cannot be read or written, or holds no valid id
   */
  public static String readOrCreate(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    if (Files.exists(file)) {
      String id = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!VALID.matcher(id).matches()) {
        throw new IOException("node id file " + file + " holds '" + id + "', not 1-64 of [A-Za-z0-9_.-]");
      }
      return id;
    }
    Files.createDirectories(directory);
    String id = UUID.randomUUID().toString();
    Path temp = directory.resolve(FILE + ".tmp");
    Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return id;
  }
}
