/**
 * Column kinds and their mapping to database types: {@link io.dataexport.jdbc.type.ColumnKind} is
 * what the general writer asks for, {@link io.dataexport.jdbc.type.ColumnType} is one small class
 * per mapping. The classes here are shared by dialects whose databases differ only in the type's
 * name; a dialect package holds the ones peculiar to its database.
 */
package io.dataexport.jdbc.type;
