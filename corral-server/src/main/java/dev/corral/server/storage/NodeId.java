package dev.corral.server.storage;

import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * This node's stable name, kept in the data directory ({@code node-id}) from its first start: what
 * tells several Corral nodes apart where they share a cluster — in the document ids an OpenSearch
 * store writes for events that did not come from Kafka, so a node's WAL replay overwrites its own
 * documents and never another node's — and in the stats. A data directory copied to another machine
 * keeps the id, which is right: the WAL it holds is the same.
 *
 * @param value 16 lower-case base-32 characters (80 random bits)
 */
public record NodeId(String value) {
  static final String FILE = "node-id";
  private static final Pattern VALID = Pattern.compile("[a-z2-7]{16}");
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  public NodeId {
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("node id '" + value + "' is not 16 characters of a-z and 2-7");
    }
  }

  /**
   * Reads the id of the data directory {@code dataDir}, creating it durably on the first start.
   *
   * @throws IOException when the file cannot be read or written, or holds something that is not an
   *     id (naming the file: delete it to get a new id, which makes the node a new one for the cluster)
   */
  public static NodeId of(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      try {
        return new NodeId(text);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": " + e.getMessage() + "; delete the file to give this node a new id", e);
      }
    }
    char[] chars = new char[16];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = BASE32[RANDOM.nextInt(BASE32.length)];
    }
    NodeId created = new NodeId(new String(chars));
    DurableFile.replace(file, (created.value + "\n").getBytes(StandardCharsets.UTF_8));
    return created;
  }

  @Override
  public String toString() {
    return value;
  }
}
