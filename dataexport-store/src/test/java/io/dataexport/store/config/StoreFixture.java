package io.dataexport.store.config;

import java.util.List;

/**
 * A config store of one kind for the compatibility kits: opened empty by the kit, reopened to show
 * what survives, removed after the test.
 */
interface StoreFixture extends AutoCloseable {
  /** Opens the store (again: the same database and key each time). */
  JdbcConfigStore open();

  /** The versions of the migrations applied to the store, in order. */
  List<String> appliedMigrations();

  /**
   * Everything the store keeps as bytes, searchable as Latin-1 text (to show what is encrypted).
   */
  String rawContent();

  /** Removes the store's database or files. */
  @Override
  void close();
}
