/**
 * The PostgreSQL dialect: tables in a schema ({@code public} unless configured), created when
 * missing; native {@code uuid}, {@code boolean}, {@code numeric(38, s)} and {@code timestamptz}
 * types; the version-guarded upsert as {@code INSERT … ON CONFLICT ("Id") DO UPDATE … WHERE}.
 */
package io.dataexport.jdbc.dialect.postgresql;
