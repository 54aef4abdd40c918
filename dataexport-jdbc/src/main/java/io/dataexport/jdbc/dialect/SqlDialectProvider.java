package io.dataexport.jdbc.dialect;

/**
 * Makes a dialect known: one implementation per dialect package, listed in {@code
 * META-INF/services/io.dataexport.jdbc.dialect.SqlDialectProvider}.
 */
public interface SqlDialectProvider {

  /** The {@code destination.type} served, e.g. {@code sqlite}. */
  String type();

  /** The dialect; may return the same (stateless) instance every time. */
  SqlDialect dialect();
}
