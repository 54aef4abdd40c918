package io.dataexport.api.error;

import java.util.Locale;

/**
 * Tells a name that is probably a typo of a known one, so that a message about an unknown field or
 * setting can say which one was meant.
 */
public final class Typos {
  private static final int MOST_EDITS = 2;

  private Typos() {}

  /**
   * Whether {@code given} is {@code known} with another letter case or up to two letters inserted,
   * deleted or replaced.
   */
  public static boolean likely(String known, String given) {
    String a = known.toLowerCase(Locale.ROOT);
    String b = given.toLowerCase(Locale.ROOT);
    return a.equals(b) || distance(a, b) <= MOST_EDITS;
  }

  /** Levenshtein distance: insertions, deletions and substitutions that turn a into b. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      previous = current;
    }
    return previous[b.length()];
  }
}
