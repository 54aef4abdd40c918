package io.dataexport.jdbc.dialect;

import io.dataexport.api.error.ConfigurationException;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the dialect of a {@code destination.type} among the {@link SqlDialectProvider}s. */
public final class SqlDialects {
  private SqlDialects() {}

  /**
   * The dialect serving {@code type}.
   *
   * @throws ConfigurationException when no dialect on the class path serves it
   */
  public static SqlDialect forType(String type) {
    List<SqlDialectProvider> providers =
        ServiceLoader.load(SqlDialectProvider.class, SqlDialects.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    return providers.stream()
        .filter(p -> p.type().equalsIgnoreCase(type))
        .findFirst()
        .map(SqlDialectProvider::dialect)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "destination.type '"
                        + type
                        + "' has no SQL dialect; the dialects available are "
                        + providers.stream().map(SqlDialectProvider::type).sorted().toList()
                        + ". Choose one of them."));
  }
}
