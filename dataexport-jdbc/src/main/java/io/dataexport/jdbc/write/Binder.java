package io.dataexport.jdbc.write;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Binds one row's parameters to a prepared statement. */
@FunctionalInterface
interface Binder {
  void bind(PreparedStatement statement) throws SQLException;

  /** Parameters given one by one with their column kind, bound through the dialect's types. */
  final class Chain implements Binder {
    private final SqlDialect dialect;
    private final List<ColumnKind> kinds = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    Chain(SqlDialect dialect) {
      this.dialect = dialect;
    }

    Chain then(ColumnKind kind, Object value) {
      kinds.add(kind);
      values.add(value);
      return this;
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      for (int i = 0; i < kinds.size(); i++) {
        dialect.columnType(kinds.get(i)).bind(statement, i + 1, values.get(i));
      }
    }
  }
}
