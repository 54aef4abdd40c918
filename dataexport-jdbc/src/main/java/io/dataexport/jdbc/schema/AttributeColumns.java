package io.dataexport.jdbc.schema;

import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.jdbc.schema.EntityColumn.Source;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.util.List;

/**
 * The DES rule for turning one attribute into columns: a column named after the attribute, plus
 * {@code <attr>_entitytype} for lookups, customers and owners.
 *
 * <table>
 *   <caption>attribute type to column kind</caption>
 *   <tr><th>attribute</th><th>column kind</th></tr>
 *   <tr><td>String</td><td>TEXT (the source's max length)</td></tr>
 *   <tr><td>Memo</td><td>TEXT, unbounded</td></tr>
 *   <tr><td>EntityName</td><td>TEXT (128)</td></tr>
 *   <tr><td>MultiSelectPicklist</td><td>TEXT, the values as {@code 1,3}</td></tr>
 *   <tr><td>Integer, Picklist, State, Status</td><td>INTEGER</td></tr>
 *   <tr><td>BigInt</td><td>BIGINT</td></tr>
 *   <tr><td>Decimal, Money</td><td>DECIMAL (scale = the source's precision)</td></tr>
 *   <tr><td>Double</td><td>DOUBLE</td></tr>
 *   <tr><td>Boolean</td><td>BOOLEAN</td></tr>
 *   <tr><td>DateTime</td><td>DATETIME, or DATE when date-only</td></tr>
 *   <tr><td>Uniqueidentifier</td><td>GUID</td></tr>
 *   <tr><td>Lookup, Customer, Owner</td><td>GUID + TEXT {@code <attr>_entitytype}</td></tr>
 * </table>
 */
final class AttributeColumns {
  /** Longest entity logical name a lookup's {@code _entitytype} column must hold. */
  static final int ENTITY_NAME_LENGTH = 128;

  static final String ENTITY_TYPE_SUFFIX = "_entitytype";

  private AttributeColumns() {}

  static List<EntityColumn> of(AttributeSchema attribute) {
    String name = attribute.logicalName();
    if (attribute.type().isLookup()) {
      return List.of(
          new EntityColumn(ColumnDefinition.of(name, ColumnKind.GUID), attribute, Source.LOOKUP_ID),
          new EntityColumn(
              ColumnDefinition.text(name + ENTITY_TYPE_SUFFIX, ENTITY_NAME_LENGTH),
              attribute,
              Source.LOOKUP_ENTITY_TYPE));
    }
    return List.of(new EntityColumn(definition(attribute), attribute, Source.ATTRIBUTE));
  }

  private static ColumnDefinition definition(AttributeSchema attribute) {
    String name = attribute.logicalName();
    return switch (attribute.type()) {
      case STRING -> ColumnDefinition.text(name, attribute.maxLength());
      case MEMO -> ColumnDefinition.text(name, null); // DES: nvarchar(max); memos reach 1 MB
      case ENTITY_NAME -> ColumnDefinition.text(name, ENTITY_NAME_LENGTH);
      case MULTI_SELECT_PICKLIST -> ColumnDefinition.text(name, null);
      case INTEGER, PICKLIST, STATE, STATUS -> ColumnDefinition.of(name, ColumnKind.INTEGER);
      case BIGINT -> ColumnDefinition.of(name, ColumnKind.BIGINT);
      case DECIMAL, MONEY ->
          new ColumnDefinition(name, ColumnKind.DECIMAL, null, attribute.precision(), true);
      case DOUBLE -> ColumnDefinition.of(name, ColumnKind.DOUBLE);
      case BOOLEAN -> ColumnDefinition.of(name, ColumnKind.BOOLEAN);
      case DATETIME ->
          ColumnDefinition.of(name, attribute.dateOnly() ? ColumnKind.DATE : ColumnKind.DATETIME);
      case UNIQUEIDENTIFIER -> ColumnDefinition.of(name, ColumnKind.GUID);
      case LOOKUP, CUSTOMER, OWNER -> throw new IllegalStateException("lookups have two columns");
    };
  }
}
