package io.dataexport.jdbc.schema;

import static io.dataexport.jdbc.type.ColumnDefinition.of;
import static io.dataexport.jdbc.type.ColumnDefinition.text;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.util.List;

/**
 * The metadata tables DES kept next to the entity tables, with its column names, so that reports
 * joining them keep working. Each is refreshed per entity: the rows of the prepared entities are
 * replaced, the others stay.
 */
public enum MetadataTable {
  OPTION_SET(
      "OptionSetMetadata",
      name("EntityName"),
      name("OptionSetName"),
      required("Option", ColumnKind.INTEGER),
      required("IsUserLocalizedLabel", ColumnKind.BOOLEAN),
      required("LocalizedLabelLanguageCode", ColumnKind.INTEGER),
      label()),
  GLOBAL_OPTION_SET(
      "GlobalOptionSetMetadata",
      name("OptionSetName"),
      required("Option", ColumnKind.INTEGER),
      required("IsUserLocalizedLabel", ColumnKind.BOOLEAN),
      required("LocalizedLabelLanguageCode", ColumnKind.INTEGER),
      label(),
      name("GlobalOptionSetName"),
      name("EntityName")),
  STATE(
      "StateMetadata",
      name("EntityName"),
      required("State", ColumnKind.INTEGER),
      required("IsUserLocalizedLabel", ColumnKind.BOOLEAN),
      required("LocalizedLabelLanguageCode", ColumnKind.INTEGER),
      label()),
  STATUS(
      "StatusMetadata",
      name("EntityName"),
      of("State", ColumnKind.INTEGER),
      required("Status", ColumnKind.INTEGER),
      required("IsUserLocalizedLabel", ColumnKind.BOOLEAN),
      required("LocalizedLabelLanguageCode", ColumnKind.INTEGER),
      label()),
  TARGET(
      "TargetMetadata",
      name("EntityName"),
      name("AttributeName"),
      name("ReferencedEntity"),
      name("ReferencedAttribute")),
  ATTRIBUTE(
      "AttributeMetadata",
      of("Id", ColumnKind.IDENTITY),
      name("EntityName"),
      name("AttributeName"),
      name("AttributeType"),
      required("AttributeTypeCode", ColumnKind.INTEGER),
      of("Version", ColumnKind.BIGINT),
      of("Timestamp", ColumnKind.TIMESTAMP),
      of("MetadataId", ColumnKind.GUID),
      of("Precision", ColumnKind.INTEGER),
      of("MaxLength", ColumnKind.INTEGER));

  /** The language whose labels are the user-localized ones (DES: the organisation's base). */
  public static final int USER_LANGUAGE = 1033;

  private static final int NAME_LENGTH = 128;
  private static final int LABEL_LENGTH = 350;

  private final String baseName;
  private final List<ColumnDefinition> columns;

  MetadataTable(String baseName, ColumnDefinition... columns) {
    this.baseName = baseName;
    this.columns = List.of(columns);
  }

  /** The table name without prefix, e.g. {@code OptionSetMetadata}. */
  public String baseName() {
    return baseName;
  }

  public List<ColumnDefinition> columns() {
    return columns;
  }

  public TableDefinition definition(DesTableNames names) {
    return new TableDefinition(names.table(baseName), columns, List.of());
  }

  private static ColumnDefinition name(String name) {
    return text(name, NAME_LENGTH).required();
  }

  private static ColumnDefinition required(String name, ColumnKind kind) {
    return of(name, kind).required();
  }

  private static ColumnDefinition label() {
    return text("LocalizedLabel", LABEL_LENGTH);
  }
}
