package dev.corral.query.extract;

/**
 * Extracted text is stored and returned as UTF-8 JSON: an unpaired surrogate (from a JSON {@code
 * \ud800} escape or a cut message) has no UTF-8 form, so it becomes U+FFFD, as a UTF-8 decoder
 * replaces an invalid sequence.
 */
final class TextRepair {
  private TextRepair() {}

  static String wellFormed(String text) {
    StringBuilder repaired = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        if (repaired != null) {
          repaired.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (repaired == null) {
          repaired = new StringBuilder(length).append(text, 0, i);
        }
        repaired.append('\uFFFD');
      } else if (repaired != null) {
        repaired.append(c);
      }
    }
    return repaired == null ? text : repaired.toString();
  }
}
