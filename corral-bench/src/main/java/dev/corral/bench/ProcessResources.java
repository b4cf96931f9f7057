package dev.corral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a Linux process's peak RSS and CPU time from {@code /proc}; -1 where {@code /proc} is missing. */
public final class ProcessResources {
  /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every mainstream Linux build. */
  private static final double CLOCK_TICKS_PER_SECOND = 100.0;
  private static final int UTIME_AFTER_COMM = 11; // field 14 of stat, counted from field 3 (after "pid (comm)")

  private ProcessResources() {}

  /** Peak resident set size (VmHWM) in bytes. */
  public static long peakRssBytes(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /** Prints on stderr how long a child server took to start and how much CPU it used (part of the peer's CPU figure). */
  public static void printStart(String name, long pid, java.time.Duration took) throws IOException {
    System.err.printf(java.util.Locale.ROOT, "bench: %s ready after %.1f s, %.1f CPU s%n", name, took.toNanos() / 1e9,
        cpuSeconds(pid));
  }

  /** User plus system CPU seconds used so far. */
  public static double cpuSeconds(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return -1;
    }
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
    return ticks / CLOCK_TICKS_PER_SECOND;
  }

  /** Bytes of all regular files under a directory; 0 when it does not exist. */
  public static long directoryBytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long[] total = {0};
    Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
        if (attributes.isRegularFile()) {
          total[0] += attributes.size();
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof java.nio.file.NoSuchFileException) {
          return java.nio.file.FileVisitResult.CONTINUE; // removed by a merge or WAL truncation while walking
        }
        throw e;
      }
    });
    return total[0];
  }

}
