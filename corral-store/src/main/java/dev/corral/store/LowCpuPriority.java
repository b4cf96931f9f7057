package dev.corral.store;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the calling thread the lowest CPU priority of the operating system: nice
 * {@value #NICE} on Linux, through libc's {@code setpriority(PRIO_PROCESS, gettid(), 19)}, which
 * on Linux applies to that one thread. Java's own thread priorities are ignored by Linux, so this
 * is what lets a compaction's merge use idle CPU only: with the cores busy, the scheduler gives a
 * nice-19 thread about 1.5 % of the weight of a normal one, so indexing and queries go first; on
 * an idle machine it runs at full speed. The priority cannot be raised again without privileges,
 * so only threads that end with their task (merge threads) may call it.
 *
 * <p>Elsewhere (not Linux, or no such libc functions) it does nothing and says so once in the log.
 * Thread-safe.
 */
final class LowCpuPriority {
  /** The lowest priority Linux has. */
  static final int NICE = 19;
  private static final int PRIO_PROCESS = 0;
  private static final Logger log = LoggerFactory.getLogger(LowCpuPriority.class);
  private static final Optional<Calls> CALLS = bind();

  private LowCpuPriority() {}

  private record Calls(MethodHandle gettid, MethodHandle setpriority) {}

  private static Optional<Calls> bind() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      log.atInfo().addKeyValue("os", System.getProperty("os.name"))
          .log("compaction merges run at normal CPU priority: lowering a single thread's needs Linux");
      return Optional.empty();
    }
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      MethodHandle gettid = linker.downcallHandle(libc.find("gettid").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT));
      MethodHandle setpriority = linker.downcallHandle(libc.find("setpriority").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
      return Optional.of(new Calls(gettid, setpriority));
    } catch (RuntimeException | LinkageError e) {
      log.atWarn().addKeyValue("reason", e.toString())
          .log("compaction merges run at normal CPU priority: libc gettid/setpriority unavailable");
      return Optional.empty();
    }
  }

  /**
   * Lowers the calling thread to nice {@value #NICE}.
   *
   * @return whether it did (false where unsupported or refused)
   */
  static boolean applyToCurrentThread() {
    if (CALLS.isEmpty()) {
      return false;
    }
    try {
      int tid = (int) CALLS.get().gettid().invokeExact();
      return (int) CALLS.get().setpriority().invokeExact(PRIO_PROCESS, tid, NICE) == 0;
    } catch (Throwable e) {
      log.atWarn().addKeyValue("reason", e.toString()).log("could not lower a merge thread's CPU priority");
      return false;
    }
  }
}
