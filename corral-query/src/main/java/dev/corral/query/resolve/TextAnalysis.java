package dev.corral.query.resolve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Splits full text into the words the store indexes: Lucene's {@link StandardAnalyzer} with no
 * stop words (Unicode word boundaries, lowercased, words over 255 chars split), the analyzer of
 * the store's full-text fields. It yields consecutive positions, so a phrase is a run of
 * consecutive words. Thread-safe.
 */
public final class TextAnalysis {
  private static final Analyzer ANALYZER = new StandardAnalyzer(CharArraySet.EMPTY_SET);

  private TextAnalysis() {}

  /**
   * The analyzer of the full-text fields, shared with the store's index so that a query's words
   * and an event's words are cut the same way. Lucene analyzers are thread-safe.
   */
  public static Analyzer analyzer() {
    return ANALYZER;
  }

  /** The words of {@code text}, in order. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    try (TokenStream stream = ANALYZER.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        words.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: analyzing a string failed", e);
    }
    return words;
  }

  /** Whether {@code words} holds {@code phrase} as a run of consecutive words (false when it is empty). */
  public static boolean containsPhrase(List<String> words, List<String> phrase) {
    if (phrase.isEmpty()) {
      return false;
    }
    outer:
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      for (int j = 0; j < phrase.size(); j++) {
        if (!words.get(i + j).equals(phrase.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
