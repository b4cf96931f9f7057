package dev.corral.server.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Test seam of {@link DayDownload}: told after each file of a day is written into the download
 * directory, so a test can fail there as a full disk would ({@code No space left on device}) or
 * stop the process halfway through a restore. Production uses {@link #NONE}.
 */
@FunctionalInterface
interface FetchSeam {
  FetchSeam NONE = (day, file) -> {};

  /** {@code file} of {@code day}'s download was written whole (not yet verified). */
  void written(String day, Path file) throws IOException;
}
