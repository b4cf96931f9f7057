package dev.corral.store;

import java.util.concurrent.ThreadFactory;

/** Thread factories of the store's own background threads: named, daemon (they never hold the JVM open). */
final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory making daemon threads called {@code name}. */
  static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
