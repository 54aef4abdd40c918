package io.dataexport.api.schema;

/** The kinds of source attribute the service maps to destination columns. */
public enum AttributeType {
  STRING,
  MEMO,
  INTEGER,
  BIGINT,
  DECIMAL,
  DOUBLE,
  MONEY,
  BOOLEAN,
  /** Date and time in UTC; see {@link AttributeSchema#dateOnly()} for date-only attributes. */
  DATETIME,
  LOOKUP,
  CUSTOMER,
  OWNER,
  PICKLIST,
  STATE,
  STATUS,
  MULTI_SELECT_PICKLIST,
  UNIQUEIDENTIFIER,
  ENTITY_NAME;

  /** Lookup, customer and owner attributes: a GUID plus the target entity's name. */
  public boolean isLookup() {
    return this == LOOKUP || this == CUSTOMER || this == OWNER;
  }

  /** Attributes whose integer values are options of an option set. */
  public boolean isChoice() {
    return this == PICKLIST || this == STATE || this == STATUS;
  }
}
