package dev.corral.ship.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A shipper as a child process ({@link TestShipperMain} on this test's class path), as a user runs it: for
 * kill -9 and for measuring its CPU time from {@code /proc/<pid>/stat}.
 */
public final class ShipperProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private ShipperProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code java -cp <class path> TestShipperMain config}, its output appended to {@code output}. */
  public static ShipperProcess start(Path config, Path output, String... jvmOptions) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), TestShipperMain.class.getName(),
        config.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    return new ShipperProcess(process, output);
  }

  /** SIGKILL: no shutdown hook, no flush; what is acknowledged is only what the registry and spool hold. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** CPU seconds (user + system) the process used so far, from {@code /proc/<pid>/stat} (Linux). */
  public double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14, 15 of stat
    return ticks / (double) CLOCK_TICKS_PER_SECOND;
  }

  /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
  private static final int CLOCK_TICKS_PER_SECOND = 100;

  /** What the process printed so far. */
  public String printed() throws IOException {
    return Files.exists(output) ? Files.readString(output) : "";
  }

  /** SIGTERM: the shutdown hook flushes and stops in order. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
