/**
 * The embedded config and metrics store: {@link io.dataexport.store.config.JdbcConfigStore} over
 * SQLite at {@code <data directory>/config.sqlite}, schema by Flyway migrations in {@code
 * db/migration/config}. Profile documents are encrypted with AES-256-GCM ({@code DocumentCipher})
 * under the key in {@code <data directory>/keys/config.key} ({@code ConfigKeyFile}).
 */
package io.dataexport.store.config;
