/**
 * The DES-compatible destination schema: entity tables ({@link
 * io.dataexport.jdbc.schema.EntityTable}), metadata tables ({@link
 * io.dataexport.jdbc.schema.MetadataTable}), the delete log and the tombstones, their names, and
 * how they are created and evolved ({@link io.dataexport.jdbc.schema.SchemaEvolution}).
 */
package io.dataexport.jdbc.schema;
