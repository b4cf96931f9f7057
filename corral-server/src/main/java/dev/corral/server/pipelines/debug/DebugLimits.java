package dev.corral.server.pipelines.debug;

/** What one debugging request may ask for: it runs on a request thread, so its work is bounded. */
final class DebugLimits {
  /**
   * Largest request body: a definition is a few KiB and 100 sample lines of a few KiB each fit
   * many times over; a paste bigger than this is a mistake, not a sample.
   */
  static final int MAX_BODY_BYTES = 1 << 20;
  /**
   * Most sample documents or lines in one simulation: enough to see every shape a pipeline meets
   * in a live preview, and each runs every processor under its own time budget (grok, redact), so
   * the request's worst case stays within seconds.
   */
  static final int MAX_SAMPLES = 100;

  private DebugLimits() {}
}
