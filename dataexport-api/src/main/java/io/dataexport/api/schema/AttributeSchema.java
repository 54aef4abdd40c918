package io.dataexport.api.schema;

import java.util.List;

/**
 * One exported attribute.
 *
 * @param logicalName the source's logical name, also the destination column name
 * @param type its kind
 * @param maxLength for strings and memos, the source's maximum length; otherwise null
 * @param precision for decimals, money and doubles, digits after the decimal point; otherwise null
 * @param dateOnly for date-times, whether the attribute holds only a date
 * @param targets for lookups, the entities it may point to; otherwise empty
 * @param optionSet for choices, states, statuses and multi-select choices; otherwise null
 */
public record AttributeSchema(
    String logicalName,
    AttributeType type,
    Integer maxLength,
    Integer precision,
    boolean dateOnly,
    List<String> targets,
    OptionSetSchema optionSet) {

  public AttributeSchema {
    targets = List.copyOf(targets);
  }
}
