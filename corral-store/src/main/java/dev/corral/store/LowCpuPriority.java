package dev.corral.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the calling thread the lowest CPU priority of the operating system: nice {@value #NICE}
 * on Linux, where a nice value belongs to one thread, set with {@code renice -n 19 -p <tid>} (the
 * thread's id read from {@code /proc/thread-self}; Java 21 has no stable native call for it). Java's
 * own thread priorities are ignored by Linux, so this is what lets a compaction's merge use idle
 * CPU only: with the cores busy, the scheduler gives a nice-19 thread about 1.5 % of the weight of
 * a normal one, so indexing and queries go first; on an idle machine it runs at full speed. The
 * priority cannot be raised again without privileges, so only threads that end with their task
 * (merge threads) may call it. It costs one short child process per merge.
 *
 * <p>Elsewhere (not Linux, or no {@code renice}) it does nothing and says so once in the log.
 * Thread-safe.
 */
final class LowCpuPriority {
  /** The lowest priority Linux has. */
  static final int NICE = 19;
  /** {@code renice} answers at once; a hung one must not hold a merge up for long. */
  private static final long RENICE_TIMEOUT_SECONDS = 10;
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  private static final Logger log = LoggerFactory.getLogger(LowCpuPriority.class);
  private static final AtomicBoolean warned = new AtomicBoolean();

  private LowCpuPriority() {}

  /**
   * Lowers the calling platform thread to nice {@value #NICE}.
   *
   * @return whether it did (false where unsupported or refused, said once at WARN)
   */
  static boolean applyToCurrentThread() {
    if (!Files.isSymbolicLink(THREAD_SELF)) {
      return unsupported("no /proc/thread-self (not Linux)");
    }
    try {
      String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString(); // <pid>/task/<tid>
      Process renice = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!renice.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        renice.destroyForcibly();
        return unsupported("renice did not answer within " + RENICE_TIMEOUT_SECONDS + " s");
      }
      return renice.exitValue() == 0 || unsupported("renice exited with " + renice.exitValue());
    } catch (IOException e) {
      return unsupported(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean unsupported(String reason) {
    if (warned.compareAndSet(false, true)) {
      log.atWarn().addKeyValue("reason", reason).log("compaction merges run at normal CPU priority");
    }
    return false;
  }
}
