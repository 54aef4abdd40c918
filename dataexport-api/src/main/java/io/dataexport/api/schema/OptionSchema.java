package io.dataexport.api.schema;

import java.util.Map;

/**
 * One option of an option set.
 *
 * @param value the integer stored in records
 * @param labels label per language code (1033 English, ...)
 * @param state for status options, the state they belong to; otherwise null
 * @param defaultStatus for state options, their default status; otherwise null
 */
public record OptionSchema(
    int value, Map<Integer, String> labels, Integer state, Integer defaultStatus) {
  public OptionSchema {
    labels = Map.copyOf(labels);
  }
}
