package dev.corral.server.auth;

/** Bounded quotes of client text in refusals: a hostile header cannot fill a log line. */
final class Excerpts {
  /** Characters of a client's value quoted in a message. */
  static final int MAX_CHARS = 40;

  private Excerpts() {}

  /** {@code text} cut to {@link #MAX_CHARS}, control characters replaced by '?'. */
  static String bounded(String text) {
    String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
