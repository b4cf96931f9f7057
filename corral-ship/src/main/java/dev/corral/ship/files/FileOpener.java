package dev.corral.ship.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a file for reading. A seam: tests inject failures (a file that cannot be opened) without root's powers. */
@FunctionalInterface
public interface FileOpener {
  FileOpener DEFAULT = path -> FileChannel.open(path, StandardOpenOption.READ);

  FileChannel open(Path path) throws IOException;
}
