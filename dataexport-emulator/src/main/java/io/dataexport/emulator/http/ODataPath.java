package io.dataexport.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource path of a Web API request, below the service root, split into segments such as
 * {@code EntityDefinitions(LogicalName='account')}, {@code Attributes} or {@code accounts(<guid>)}.
 *
 * @param segments the segments in order; never empty
 */
public record ODataPath(List<Segment> segments) {

  /**
   * One path segment.
   *
   * @param name the part before any parentheses, e.g. {@code EntityDefinitions}
   * @param key the text inside the parentheses, e.g. {@code LogicalName='account'}, or null
   */
  public record Segment(String name, String key) {
    public boolean hasKey() {
      return key != null;
    }

    /**
     * The value of a key written {@code Name='value'}, or of a bare key when {@code name} is null.
     *
     * @return the unquoted value, or null when the key has no such part
     */
    public String keyValue(String keyName) {
      if (key == null) {
        return null;
      }
      String prefix = keyName + "=";
      String raw;
      if (keyName != null && key.startsWith(prefix)) {
        raw = key.substring(prefix.length());
      } else if (keyName == null && !key.contains("=")) {
        raw = key;
      } else {
        return null;
      }
      return raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")
          ? raw.substring(1, raw.length() - 1).replace("''", "'")
          : raw;
    }

    @Override
    public String toString() {
      return key == null ? name : name + "(" + key + ")";
    }
  }

  public ODataPath {
    segments = List.copyOf(segments);
  }

  /**
   * Parses a raw (still percent-encoded) path such as {@code accounts(1234)/$count}.
   *
   * @throws ODataException 400 when the path is empty or its parentheses do not balance
   */
  public static ODataPath parse(String rawPath) {
    String path = decode(rawPath);
    List<Segment> segments = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      char c = i < path.length() ? path.charAt(i) : '/';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth < 0) {
          throw unbalanced(path);
        }
      } else if (c == '/' && depth == 0) {
        if (i > start) {
          segments.add(segment(path.substring(start, i), path));
        }
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw unbalanced(path);
    }
    if (segments.isEmpty()) {
      throw ODataException.notFound("The request names no resource.");
    }
    return new ODataPath(segments);
  }

  public Segment first() {
    return segments.get(0);
  }

  public int size() {
    return segments.size();
  }

  public Segment get(int index) {
    return segments.get(index);
  }

  private static Segment segment(String text, String path) {
    int open = text.indexOf('(');
    if (open < 0) {
      return new Segment(text, null);
    }
    if (!text.endsWith(")") || open == 0) {
      throw ODataException.badRequest("Bad Request - Error in query syntax: '" + path + "'.");
    }
    return new Segment(text.substring(0, open), text.substring(open + 1, text.length() - 1));
  }

  private static ODataException unbalanced(String path) {
    return ODataException.badRequest(
        "Bad Request - Error in query syntax: unbalanced parentheses in '" + path + "'.");
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ODataException.badRequest("The request path is not correctly percent-encoded.");
    }
  }

  @Override
  public String toString() {
    return String.join("/", segments.stream().map(Segment::toString).toList());
  }
}
