package dev.corral.ship.lines;

/**
 * One line of a stream (or one group of lines joined by multiline), without its line break.
 *
 * @param text      the line, decoded as UTF-8 with every invalid byte sequence replaced by U+FFFD
 * @param endOffset the stream position just past the line's {@code \n} (or past its last byte at the end of a
 *                  stream): the resume point once this line is delivered
 * @param truncated whether the line was longer than the reader's limit and only its beginning is kept
 */
public record Line(String text, long endOffset, boolean truncated) {
  public Line {
    if (text == null) {
      throw new IllegalArgumentException("BUG: a line without text");
    }
  }
}
