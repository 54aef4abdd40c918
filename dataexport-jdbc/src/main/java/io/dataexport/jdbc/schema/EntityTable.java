package io.dataexport.jdbc.schema;

import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.schema.EntityColumn.Source;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DES table of one entity: {@code Id} (the primary key, holding the primary id attribute), one
 * column per other attribute (see {@link AttributeColumns}), then {@code versionnumber}, {@code
 * SinkCreatedOn} and {@code SinkModifiedOn}. Intersect entities follow the same rules.
 */
public final class EntityTable {
  public static final String ID = "Id";
  public static final String VERSION = "versionnumber";
  public static final String SINK_CREATED_ON = "SinkCreatedOn";
  public static final String SINK_MODIFIED_ON = "SinkModifiedOn";

  private static final Logger log = LoggerFactory.getLogger(EntityTable.class);

  private final EntitySchema entity;
  private final TableName name;
  private final List<EntityColumn> columns;

  private EntityTable(EntitySchema entity, TableName name, List<EntityColumn> columns) {
    this.entity = entity;
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  /**
   * Lays out the table of an entity.
   *
   * @throws io.dataexport.api.error.ConfigurationException when a name is not a logical name
   */
  public static EntityTable of(EntitySchema entity, DesTableNames names) {
    TableName table = names.entity(entity.logicalName());
    List<EntityColumn> columns = new ArrayList<>();
    columns.add(
        new EntityColumn(
            new ColumnDefinition(ID, ColumnKind.GUID, null, null, false), null, Source.RECORD_ID));
    Set<String> taken = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    taken.addAll(List.of(ID, VERSION, SINK_CREATED_ON, SINK_MODIFIED_ON));
    for (AttributeSchema attribute : entity.attributes()) {
      String attributeName =
          Identifiers.logicalName("attribute of " + entity.logicalName(), attribute.logicalName());
      if (attributeName.equals(entity.primaryIdAttribute())
          || attributeName.toLowerCase(Locale.ROOT).equals(VERSION)) {
        continue; // the primary id is the Id column; the version column is the notification's
      }
      List<EntityColumn> attributeColumns = AttributeColumns.of(attribute);
      if (attributeColumns.stream().anyMatch(c -> taken.contains(c.name()))) {
        log.warn(
            "Attribute {} of {} is not exported: its column name is already taken in {}",
            attributeName,
            entity.logicalName(),
            table);
        continue;
      }
      attributeColumns.forEach(c -> taken.add(c.name()));
      columns.addAll(attributeColumns);
    }
    columns.add(
        new EntityColumn(
            new ColumnDefinition(VERSION, ColumnKind.BIGINT, null, null, false),
            null,
            Source.VERSION));
    columns.add(serviceTime(SINK_CREATED_ON));
    columns.add(serviceTime(SINK_MODIFIED_ON));
    return new EntityTable(entity, table, columns);
  }

  private static EntityColumn serviceTime(String name) {
    return new EntityColumn(
        new ColumnDefinition(name, ColumnKind.TIMESTAMP, null, null, false),
        null,
        Source.WRITE_TIME);
  }

  public EntitySchema entity() {
    return entity;
  }

  public TableName name() {
    return name;
  }

  /** Every column, in the order the upsert binds them. */
  public List<EntityColumn> columns() {
    return columns;
  }

  /** The attributes that have columns, each once. */
  public List<AttributeSchema> attributes() {
    return columns.stream()
        .filter(c -> c.attribute() != null)
        .map(EntityColumn::attribute)
        .distinct()
        .toList();
  }

  public TableDefinition definition() {
    return new TableDefinition(
        name, columns.stream().map(EntityColumn::definition).toList(), List.of(ID));
  }

  /** The version-guarded upsert of a row; {@code SinkCreatedOn} is written on insert only. */
  public UpsertStatement upsert() {
    return new UpsertStatement(
        name,
        columns.stream().map(EntityColumn::name).toList(),
        List.of(ID),
        List.of(SINK_CREATED_ON),
        VERSION);
  }
}
