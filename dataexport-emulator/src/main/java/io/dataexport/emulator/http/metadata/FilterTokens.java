package io.dataexport.emulator.http.metadata;

import io.dataexport.emulator.http.ODataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a metadata {@code $filter} into tokens for {@link MetadataFilter}. */
final class FilterTokens {
  enum Kind {
    OPEN,
    CLOSE,
    /** property paths, operators, {@code and}/{@code or}/{@code not}, true, false, null */
    WORD,
    /** {@code 'text'} and enum literals {@code Namespace.Type'Member'} (text is the member) */
    STRING,
    NUMBER,
    GUID,
    END
  }

  /**
   * One token.
   *
   * @param kind what it is
   * @param text its text; for strings the unquoted value
   * @param position where it starts in the filter, counting from 1
   */
  record Token(Kind kind, String text, int position) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equals(word);
    }
  }

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_./]*");

  private FilterTokens() {}

  /**
   * Tokenises the filter; the last token is always {@link Kind#END}.
   *
   * @throws ODataException 400 for an unterminated string or a character no token starts with
   */
  static List<Token> of(String filter) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < filter.length()) {
      char c = filter.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i + 1));
        i++;
      } else if (c == '\'') {
        i = string(filter, i, i, tokens);
      } else if (lookingAt(GUID, filter, i) != null) {
        String guid = lookingAt(GUID, filter, i);
        tokens.add(new Token(Kind.GUID, guid.toLowerCase(Locale.ROOT), i + 1));
        i += guid.length();
      } else if (lookingAt(NUMBER, filter, i) != null) {
        String number = lookingAt(NUMBER, filter, i);
        tokens.add(new Token(Kind.NUMBER, number, i + 1));
        i += number.length();
      } else if (lookingAt(WORD, filter, i) != null) {
        String word = lookingAt(WORD, filter, i);
        int end = i + word.length();
        if (end < filter.length() && filter.charAt(end) == '\'') {
          // Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist': the member name is what we compare
          i = string(filter, i, end, tokens);
        } else {
          tokens.add(new Token(Kind.WORD, word, i + 1));
          i = end;
        }
      } else {
        throw MetadataFilter.malformed(
            filter, "unexpected character '" + c + "' at position " + (i + 1));
      }
    }
    tokens.add(new Token(Kind.END, "", filter.length() + 1));
    return tokens;
  }

  /** Reads a quoted string whose opening quote is at {@code quote}; returns the index after it. */
  private static int string(String filter, int start, int quote, List<Token> tokens) {
    StringBuilder text = new StringBuilder();
    int i = quote + 1;
    while (i < filter.length()) {
      char c = filter.charAt(i);
      if (c == '\'') {
        if (i + 1 < filter.length() && filter.charAt(i + 1) == '\'') {
          text.append('\'');
          i += 2;
          continue;
        }
        tokens.add(new Token(Kind.STRING, text.toString(), start + 1));
        return i + 1;
      }
      text.append(c);
      i++;
    }
    throw MetadataFilter.malformed(
        filter, "the string starting at position " + (start + 1) + " has no closing quote");
  }

  private static String lookingAt(Pattern pattern, String text, int from) {
    Matcher matcher = pattern.matcher(text).region(from, text.length());
    return matcher.lookingAt() ? matcher.group() : null;
  }
}
