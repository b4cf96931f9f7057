package dev.corral.propagation;

import java.util.List;

/**
 * The time {@link CorrelationIds} are current on one thread, from {@link CorrelationContext#open} to
 * {@link #close()}. Closing puts back, in the thread's logging contexts and as the current ids, exactly what
 * was there when the scope opened (a key that was absent is removed again). Close each scope once, on the
 * thread that opened it, innermost first (try-with-resources does all three); closing again does nothing,
 * closing on another thread throws {@link IllegalStateException}.
 */
public final class CorrelationScope implements AutoCloseable {
  private final CorrelationIds previousIds;
  private final List<LogContextBackend> backends;
  /** previousValues[backend][key], in the order of {@link CorrelationContext#KEYS}; null where absent. */
  private final String[][] previousValues;
  private final Thread owner = Thread.currentThread();
  private boolean closed;

  CorrelationScope(CorrelationIds previousIds, List<LogContextBackend> backends) {
    this.previousIds = previousIds;
    this.backends = backends;
    this.previousValues = new String[backends.size()][CorrelationContext.KEYS.size()];
    for (int b = 0; b < backends.size(); b++) {
      for (int k = 0; k < CorrelationContext.KEYS.size(); k++) {
        previousValues[b][k] = backends.get(b).get(CorrelationContext.KEYS.get(k));
      }
    }
  }

  /** Puts back the ids and logging-context values this scope replaced. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a correlation scope opened on thread '" + owner.getName()
          + "' was closed on thread '" + Thread.currentThread().getName() + "': close it where it was opened");
    }
    closed = true;
    for (int b = 0; b < backends.size(); b++) {
      for (int k = 0; k < CorrelationContext.KEYS.size(); k++) {
        String key = CorrelationContext.KEYS.get(k);
        String previous = previousValues[b][k];
        if (previous == null) {
          backends.get(b).remove(key);
        } else {
          backends.get(b).put(key, previous);
        }
      }
    }
    CorrelationContext.restore(previousIds);
  }
}
