/**
 * Change tracking: tracked initial reads and delta reads page by page, rows and tombstones turned
 * into {@link io.dataexport.api.source.SourceChange}s.
 */
package io.dataexport.dataverse.tracking;
