package dev.corral.server.http;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How the process's open-file limit is shared out, so that idle HTTP clients can never take the
 * descriptors the store needs: the store keeps half the limit (at least {@value #MIN_STORE_FILES}),
 * the socket inputs what their connection caps allow, {@value #RESERVED_FILES} go to the JVM,
 * the WAL and the listening sockets, and the rest is the HTTP connection cap ({@code
 * http.max_connections} when it is not set). Pure arithmetic over its inputs; {@link
 * #processFileLimit()} reads the limit of this process.
 *
 * @param fileLimit the process's open-file limit ({@code ulimit -n})
 * @param socketConnections connections the TCP socket inputs may hold together (each listener's
 *     {@code sockets.max_connections})
 */
public record FileBudget(long fileLimit, long socketConnections) {
  /** Lucene opens a handful of files per segment and per partition: never leave it less than this. */
  static final long MIN_STORE_FILES = 128;
  /** JVM jars, WAL segments, listening sockets, logs, the gRPC receiver: a fixed allowance. */
  static final long RESERVED_FILES = 64;
  /** Below this many connections the HTTP API is hardly usable; the cap never goes lower. */
  static final int MIN_HTTP_CONNECTIONS = 16;
  /** A cap the derivation never exceeds: beyond it, threads and memory run out before descriptors. */
  static final int MAX_HTTP_CONNECTIONS = 100_000;
  /** Used when the JVM cannot tell the limit (not a Unix system): the common default soft limit. */
  static final long UNKNOWN_FILE_LIMIT = 1024;

  /** The store's share: half the limit, and at least {@value #MIN_STORE_FILES}. */
  public long storeFiles() {
    return Math.max(MIN_STORE_FILES, fileLimit / 2);
  }

  /** Descriptors left for HTTP connections once the store, the socket inputs and the reserve are served; may be negative. */
  public long httpFiles() {
    return fileLimit - storeFiles() - socketConnections - RESERVED_FILES;
  }

  /** Whether the limit leaves HTTP fewer than {@value #MIN_HTTP_CONNECTIONS} connections. */
  public boolean tooLow() {
    return httpFiles() < MIN_HTTP_CONNECTIONS;
  }

  /** The derived HTTP connection cap: what is left, within {@value #MIN_HTTP_CONNECTIONS}..{@value #MAX_HTTP_CONNECTIONS}. */
  public int httpConnections() {
    return (int) Math.clamp(httpFiles(), MIN_HTTP_CONNECTIONS, MAX_HTTP_CONNECTIONS);
  }

  /** The sharing, for the start-up warning: every figure and what to change. */
  public String describe() {
    return "open-file limit " + fileLimit + ": store " + storeFiles() + ", socket inputs " + socketConnections
        + " (sockets.max_connections per TCP listener), reserved " + RESERVED_FILES + ", leaving " + httpFiles()
        + " for HTTP connections";
  }

  /** The open-file limit of this process, or {@value #UNKNOWN_FILE_LIMIT} when the platform does not say. */
  public static long processFileLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : UNKNOWN_FILE_LIMIT;
  }
}
