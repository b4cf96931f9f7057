package dev.corral.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens the channels the WAL writes segments through. The only fault-injection seam of the
 * package: tests pass an opener whose channels fail like a full disk does; production uses
 * {@link #DEFAULT}. Reading never goes through it.
 */
@FunctionalInterface
interface ChannelOpener {
  ChannelOpener DEFAULT = FileChannel::open;

  FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;
}
