package dev.corral.query.extract;

/**
 * Reads one text into named values. Implementations are immutable and thread-safe; they never
 * throw for bad input (that is an {@link ExtractionFailure}), only for bugs.
 */
public interface Extractor {
  /**
   * Adds the values found in {@code text} to {@code out}, in the order they appear.
   *
   * @throws ExtractionFailure when the text cannot be read (invalid JSON, a budget hit)
   */
  void extract(String text, ExtractedValues out);
}
