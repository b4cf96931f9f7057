package dev.corral.ship.lines;

import dev.corral.multiline.Decision;

/**
 * The multiline state of one source: the group of lines open now. Completed groups go to the sink as one
 * {@link Line} whose text is the lines joined by {@code \n} and whose end offset is its last line's, so a group
 * is acknowledged (and resumed after) only as a whole. Not thread-safe: used by the source's reading thread.
 */
public final class MultilineJoiner {
  private final LineGrouping grouping;
  private final int maxLines;
  private final int maxBytes;
  private final long timeoutNanos;
  private final StringBuilder text = new StringBuilder();
  private int lines;
  private int bytes;
  private long endOffset;
  private boolean truncated;
  private long lastLineNanos;

  MultilineJoiner(LineGrouping grouping, int maxLines, int maxBytes, long timeoutNanos) {
    this.grouping = grouping;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.timeoutNanos = timeoutNanos;
  }

  /** Adds the next line of the source; hands out the groups it completes. */
  public void add(Line line, long nowNanos, LineSink sink) throws InterruptedException {
    Decision decision = grouping.decide(line.text());
    int lineBytes = utf8Length(line.text());
    if (decision == Decision.START || lines > 0 && bytes + 1 + lineBytes > maxBytes) {
      flush(sink);
    }
    if (lines > 0) {
      text.append('\n');
      bytes++;
    }
    text.append(line.text());
    bytes += lineBytes;
    lines++;
    endOffset = line.endOffset();
    truncated |= line.truncated();
    lastLineNanos = nowNanos;
    if (decision == Decision.JOIN_AND_CLOSE || lines >= maxLines) {
      flush(sink);
    }
  }

  /** Completes the open group when no line came for the timeout. */
  public void flushIfIdle(long nowNanos, LineSink sink) throws InterruptedException {
    if (lines > 0 && nowNanos - lastLineNanos >= timeoutNanos) {
      flush(sink);
    }
  }

  /** Completes the open group now (the source ends or is reset). */
  public void flush(LineSink sink) throws InterruptedException {
    if (lines == 0) {
      return;
    }
    Line group = new Line(text.toString(), endOffset, truncated);
    text.setLength(0);
    lines = 0;
    bytes = 0;
    truncated = false;
    sink.accept(group);
  }

  /** Whether lines wait in an open group. */
  public boolean isOpen() {
    return lines > 0;
  }

  private static int utf8Length(String text) {
    int length = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        length += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1; // a surrogate pair: 2 chars, 4 bytes
      }
    }
    return length;
  }
}
