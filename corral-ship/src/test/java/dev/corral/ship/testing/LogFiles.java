package dev.corral.ship.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes numbered JSON log lines ({@code seq} 1, 2, …) for a service, as an application would append them. */
public final class LogFiles {
  private LogFiles() {
  }

  /** The line with number {@code seq}. */
  public static String line(String service, long seq) {
    return "{\"timestamp\":\"" + java.time.Instant.now() + "\",\"service\":\"" + service + "\",\"level\":\"INFO\","
        + "\"message\":\"line " + seq + " of the shipper test\",\"seq\":" + seq + "}\n";
  }

  /** Appends lines {@code from} to {@code to} inclusive. */
  public static void append(Path file, String service, long from, long to) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND), 1 << 16)) {
      for (long seq = from; seq <= to; seq++) {
        out.write(line(service, seq).getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
