package io.dataexport.emulator.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Prefer} request header as Dataverse reads it: {@code odata.maxpagesize}, {@code
 * odata.track-changes}, {@code return=representation} and {@code odata.include-annotations}.
 *
 * @param maxPageSize requested page size, or null
 * @param trackChanges whether change tracking was asked for
 * @param returnRepresentation whether a write should answer with the record
 * @param includeAnnotations annotation patterns asked for (e.g. {@code *}, {@code
 *     OData.Community.Display.V1.FormattedValue}); empty when none
 */
public record Prefer(
    Integer maxPageSize,
    boolean trackChanges,
    boolean returnRepresentation,
    List<String> includeAnnotations) {

  public static final int MAX_PAGE_SIZE = 5000;

  /** Parses every {@code Prefer} header value; unknown preferences are ignored, as HTTP asks. */
  public static Prefer parse(List<String> headerValues) {
    Integer maxPageSize = null;
    boolean trackChanges = false;
    boolean representation = false;
    List<String> annotations = new ArrayList<>();
    for (String header : headerValues) {
      for (String preference : splitPreferences(header)) {
        String p = preference.trim();
        String lower = p.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("odata.maxpagesize=")) {
          maxPageSize = pageSize(p.substring("odata.maxpagesize=".length()));
        } else if (lower.equals("odata.track-changes")) {
          trackChanges = true;
        } else if (lower.equals("return=representation")) {
          representation = true;
        } else if (lower.startsWith("odata.include-annotations=")) {
          String value = p.substring("odata.include-annotations=".length()).replace("\"", "");
          for (String pattern : value.split(",")) {
            if (!pattern.isBlank()) {
              annotations.add(pattern.trim());
            }
          }
        }
      }
    }
    return new Prefer(maxPageSize, trackChanges, representation, List.copyOf(annotations));
  }

  /** The page size to serve: the requested one capped at 5000, else 5000. */
  public int effectivePageSize() {
    return maxPageSize == null ? MAX_PAGE_SIZE : Math.min(maxPageSize, MAX_PAGE_SIZE);
  }

  /**
   * Whether annotations named {@code annotation} (e.g. {@code
   * Microsoft.Dynamics.CRM.lookuplogicalname}) were asked for.
   */
  public boolean wantsAnnotation(String annotation) {
    for (String pattern : includeAnnotations) {
      if (pattern.equals("*")
          || pattern.equals(annotation)
          || (pattern.endsWith(".*")
              && annotation.startsWith(pattern.substring(0, pattern.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static Integer pageSize(String text) {
    try {
      int size = Integer.parseInt(text.trim());
      if (size <= 0) {
        throw new NumberFormatException();
      }
      return size;
    } catch (NumberFormatException e) {
      throw ODataException.badRequest(
          "odata.maxpagesize must be a positive whole number, was '" + text.trim() + "'.");
    }
  }

  /** Splits on commas outside double quotes (annotation lists are quoted and contain commas). */
  private static List<String> splitPreferences(String header) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char c : header.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
