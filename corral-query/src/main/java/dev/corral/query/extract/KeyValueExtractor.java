package dev.corral.query.extract;

/**
 * {@code | kv}: a simple split, like the ingest pipeline's kv processor: the text is cut at every
 * {@code pairSeparator}; each piece is cut at its first {@code valueSeparator} into a key and a
 * value (both trimmed of spaces); pieces without the separator or with an empty key are skipped.
 * Never fails.
 *
 * @param pairSeparator between pairs, not empty (default a space)
 * @param valueSeparator between a key and its value, not empty (default {@code =})
 */
record KeyValueExtractor(String pairSeparator, String valueSeparator) implements Extractor {
  KeyValueExtractor {
    if (pairSeparator.isEmpty() || valueSeparator.isEmpty()) {
      throw new IllegalArgumentException("kv separators must not be empty");
    }
  }

  @Override
  public void extract(String text, ExtractedValues out) {
    int pos = 0;
    while (pos <= text.length()) {
      int end = text.indexOf(pairSeparator, pos);
      if (end < 0) {
        end = text.length();
      }
      String pair = text.substring(pos, end);
      int split = pair.indexOf(valueSeparator);
      if (split > 0) {
        String key = pair.substring(0, split).strip();
        if (!key.isEmpty()) {
          out.addText(key, pair.substring(split + valueSeparator.length()).strip());
        }
      }
      pos = end + pairSeparator.length();
    }
  }
}
