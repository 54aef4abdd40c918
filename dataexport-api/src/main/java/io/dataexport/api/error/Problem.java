package io.dataexport.api.error;

/**
 * One thing wrong with a configuration or an environment, as validation reports it.
 *
 * @param field the setting concerned, as a path such as {@code destination.tablePrefix} or {@code
 *     entities[2]}
 * @param value the offending value as text (secrets never), or null
 * @param message what is wrong and what to do about it
 */
public record Problem(String field, String value, String message) {
  @Override
  public String toString() {
    return field + (value == null ? "" : " = '" + value + "'") + ": " + message;
  }
}
