package io.dataexport.jdbc.schema;

import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.util.List;

/**
 * A table as the destination wants it: what {@link SchemaEvolution} creates or evolves towards.
 *
 * @param name the table
 * @param columns its columns, in order
 * @param primaryKey the primary key columns; empty when there is none or an {@link
 *     ColumnKind#IDENTITY} column is the key
 */
public record TableDefinition(
    TableName name, List<ColumnDefinition> columns, List<String> primaryKey) {
  public TableDefinition {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }

  /** The columns a statement inserts: all but generated keys. */
  public List<ColumnDefinition> insertColumns() {
    return columns.stream().filter(c -> c.kind() != ColumnKind.IDENTITY).toList();
  }
}
