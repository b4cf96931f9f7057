package dev.corral.server.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The object being uploaded, written down before its upload starts so that an upload cut short by
 * a crash (or uploaded but not yet recorded in the cursor) is redone under the same key with the
 * same records: after a restart the backup reads again from its cursor, which is {@code first},
 * and cuts at {@code end} in hour {@code hour}. File {@code <data>/backup/in-flight}, one line
 * {@code corral.backup.in-flight.v1=<first> <end> <hour>}, written atomically (tmp, fsync, rename, directory fsync).
 *
 * @param first WAL position of the object's first record
 * @param end WAL position after its last record
 * @param hour the hour part of its key, {@code YYYY/MM/DD/HH}
 */
record InFlightObject(long first, long end, String hour) {
  private static final String FILE = "in-flight";
  /** The format's name and version, first on the line: a later format is recognised, not misread. */
  static final String FORMAT = "corral.backup.in-flight.v1=";

  InFlightObject {
    if (end <= first) {
      throw new IllegalArgumentException("an in-flight object ends (" + end + ") after it starts (" + first + ")");
    }
  }

  /** Writes {@code object} to {@code directory} durably. */
  static void write(Path directory, InFlightObject object) throws IOException {
    Files.createDirectories(directory);
    Path tmp = directory.resolve(FILE + ".tmp");
    Files.writeString(tmp, object.line(), StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel parent = FileChannel.open(directory, StandardOpenOption.READ)) {
      parent.force(true); // the rename itself survives a crash
    }
  }

  /** The object written down in {@code directory}, if any; a damaged file counts as none (the backup then may repeat records in another key). */
  static Optional<InFlightObject> read(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String line = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (!line.startsWith(FORMAT)) {
      return Optional.empty();
    }
    String[] parts = line.substring(FORMAT.length()).split(" ");
    try {
      return parts.length == 3 ? Optional.of(new InFlightObject(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]))
          : Optional.empty();
    } catch (IllegalArgumentException damaged) {
      return Optional.empty();
    }
  }

  /** The file's one line. */
  String line() {
    return FORMAT + first + " " + end + " " + hour + "\n";
  }
}
