package io.dataexport.jdbc.schema;

import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.jdbc.type.ColumnDefinition;

/**
 * One column of an entity table and where its value comes from.
 *
 * @param definition the column
 * @param attribute the attribute it holds (part of), or null for {@code Id} and the service columns
 * @param source where the writer takes the value from
 */
public record EntityColumn(ColumnDefinition definition, AttributeSchema attribute, Source source) {

  /** Where a column's value comes from. */
  public enum Source {
    /** The record id of the notification. */
    RECORD_ID,
    /** The attribute's converted value. */
    ATTRIBUTE,
    /** The GUID of a lookup attribute. */
    LOOKUP_ID,
    /** The target entity's logical name of a lookup attribute. */
    LOOKUP_ENTITY_TYPE,
    /** The notification's version. */
    VERSION,
    /** The time of the write (insert only, or every write). */
    WRITE_TIME
  }

  public String name() {
    return definition.name();
  }
}
