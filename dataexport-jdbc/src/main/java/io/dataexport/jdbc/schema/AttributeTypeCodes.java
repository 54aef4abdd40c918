package io.dataexport.jdbc.schema;

import io.dataexport.api.schema.AttributeType;

/**
 * Dataverse's names and {@code AttributeTypeCode} numbers of the attribute types, as {@code
 * AttributeMetadata} lists them (multi-select choices are Virtual, 17, in Dataverse).
 */
final class AttributeTypeCodes {
  private AttributeTypeCodes() {}

  static String name(AttributeType type) {
    return switch (type) {
      case STRING -> "String";
      case MEMO -> "Memo";
      case INTEGER -> "Integer";
      case BIGINT -> "BigInt";
      case DECIMAL -> "Decimal";
      case DOUBLE -> "Double";
      case MONEY -> "Money";
      case BOOLEAN -> "Boolean";
      case DATETIME -> "DateTime";
      case LOOKUP -> "Lookup";
      case CUSTOMER -> "Customer";
      case OWNER -> "Owner";
      case PICKLIST -> "Picklist";
      case STATE -> "State";
      case STATUS -> "Status";
      case MULTI_SELECT_PICKLIST -> "MultiSelectPicklist";
      case UNIQUEIDENTIFIER -> "Uniqueidentifier";
      case ENTITY_NAME -> "EntityName";
    };
  }

  static int code(AttributeType type) {
    return switch (type) {
      case BOOLEAN -> 0;
      case CUSTOMER -> 1;
      case DATETIME -> 2;
      case DECIMAL -> 3;
      case DOUBLE -> 4;
      case INTEGER -> 5;
      case LOOKUP -> 6;
      case MEMO -> 7;
      case MONEY -> 8;
      case OWNER -> 9;
      case PICKLIST -> 11;
      case STATE -> 12;
      case STATUS -> 13;
      case STRING -> 14;
      case UNIQUEIDENTIFIER -> 15;
      case MULTI_SELECT_PICKLIST -> 17;
      case BIGINT -> 18;
      case ENTITY_NAME -> 20;
    };
  }
}
