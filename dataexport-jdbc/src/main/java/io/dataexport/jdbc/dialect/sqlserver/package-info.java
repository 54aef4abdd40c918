/**
 * The SQL Server and Azure SQL dialect — NOT YET VERIFIED against a live server: its statements are
 * checked by unit tests of the generated SQL only. Tables in a schema ({@code dbo} unless
 * configured), {@code nvarchar} text, {@code uniqueidentifier} GUIDs, {@code datetime2} UTC times,
 * and the version-guarded upsert as {@code MERGE … WITH (HOLDLOCK)}.
 */
package io.dataexport.jdbc.dialect.sqlserver;
