package dev.corral.query;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name nearest to a mistyped one, for "did you mean" hints. Stateless and
 * thread-safe.
 */
public final class NearestName {
  /** Most edits (insert, delete, substitute, swap) for a suggestion; more is a different word. */
  public static final int MAX_DISTANCE = 2;

  private NearestName() {}

  /**
   * The candidate with the fewest edits from {@code typed} (compared case-insensitively), if it
   * takes at most {@link #MAX_DISTANCE} edits and fewer than the typed name's length; ties go to
   * the earlier candidate.
   */
  public static Optional<String> among(String typed, Collection<String> candidates) {
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(t, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    boolean close = bestDistance <= MAX_DISTANCE && bestDistance < Math.max(2, typed.length());
    return close ? Optional.of(best) : Optional.empty();
  }

  /** {@code "; did you mean 'x'?"} for the nearest candidate, or the empty string. */
  public static String hint(String typed, Collection<String> candidates) {
    return among(typed, candidates).map(n -> "; did you mean '" + n + "'?").orElse("");
  }

  /**
   * Optimal string alignment distance (Levenshtein plus adjacent swaps), case-sensitive: the edits
   * that turn {@code a} into {@code b}. For callers with a threshold of their own.
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
