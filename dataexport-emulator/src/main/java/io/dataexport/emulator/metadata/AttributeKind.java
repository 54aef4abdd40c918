package io.dataexport.emulator.metadata;

/**
 * The kinds of attribute the emulator models, each with the names Dataverse metadata gives it.
 *
 * <p>{@code attributeType} is the {@code AttributeType} value, {@code typeName} the {@code
 * AttributeTypeName.Value}, and {@code metadataType} the OData derived type of the attribute's
 * metadata (the {@code @odata.type} without its leading {@code #Microsoft.Dynamics.CRM.}).
 */
public enum AttributeKind {
  STRING("String", "StringType", "StringAttributeMetadata"),
  MEMO("Memo", "MemoType", "MemoAttributeMetadata"),
  INTEGER("Integer", "IntegerType", "IntegerAttributeMetadata"),
  BIGINT("BigInt", "BigIntType", "BigIntAttributeMetadata"),
  DECIMAL("Decimal", "DecimalType", "DecimalAttributeMetadata"),
  DOUBLE("Double", "DoubleType", "DoubleAttributeMetadata"),
  MONEY("Money", "MoneyType", "MoneyAttributeMetadata"),
  BOOLEAN("Boolean", "BooleanType", "BooleanAttributeMetadata"),
  DATETIME("DateTime", "DateTimeType", "DateTimeAttributeMetadata"),
  LOOKUP("Lookup", "LookupType", "LookupAttributeMetadata"),
  CUSTOMER("Customer", "CustomerType", "LookupAttributeMetadata"),
  OWNER("Owner", "OwnerType", "LookupAttributeMetadata"),
  PICKLIST("Picklist", "PicklistType", "PicklistAttributeMetadata"),
  STATE("State", "StateType", "StateAttributeMetadata"),
  STATUS("Status", "StatusType", "StatusAttributeMetadata"),
  MULTI_SELECT_PICKLIST(
      "Virtual", "MultiSelectPicklistType", "MultiSelectPicklistAttributeMetadata"),
  UNIQUEIDENTIFIER("Uniqueidentifier", "UniqueidentifierType", "UniqueIdentifierAttributeMetadata"),
  ENTITY_NAME("EntityName", "EntityNameType", "EntityNameAttributeMetadata");

  private final String attributeType;
  private final String typeName;
  private final String metadataType;

  AttributeKind(String attributeType, String typeName, String metadataType) {
    this.attributeType = attributeType;
    this.typeName = typeName;
    this.metadataType = metadataType;
  }

  public String attributeType() {
    return attributeType;
  }

  public String typeName() {
    return typeName;
  }

  public String metadataType() {
    return metadataType;
  }

  /** Lookup, customer and owner attributes: GUID values shown as {@code _<name>_value}. */
  public boolean isReference() {
    return this == LOOKUP || this == CUSTOMER || this == OWNER;
  }

  /** Attributes whose values are options of an option set. */
  public boolean hasOptions() {
    return this == PICKLIST || this == STATE || this == STATUS || this == MULTI_SELECT_PICKLIST;
  }
}
