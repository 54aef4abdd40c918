package io.dataexport.emulator.metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A localized label: the text per language code (1033 English, 1031 German, ...).
 *
 * @param texts language code to text, in the order languages are presented; never empty
 */
public record Label(Map<Integer, String> texts) {
  public static final int ENGLISH = 1033;
  public static final int GERMAN = 1031;

  public Label {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("a label needs at least one language");
    }
    texts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(texts));
  }

  /** An English label with its German translation. */
  public static Label of(String english, String german) {
    Map<Integer, String> texts = new LinkedHashMap<>();
    texts.put(ENGLISH, english);
    texts.put(GERMAN, german);
    return new Label(texts);
  }

  /** The label of the organisation's base language (English). */
  public String userText() {
    return texts.getOrDefault(ENGLISH, texts.values().iterator().next());
  }
}
