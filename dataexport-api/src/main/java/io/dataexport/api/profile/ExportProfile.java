package io.dataexport.api.profile;

import java.util.List;

/**
 * An export profile as configured: what to export from where to where, and how to retry. Immutable;
 * built only from a validated document.
 *
 * @param name unique name, 1-100 characters
 * @param source the source
 * @param destination the destination
 * @param entities logical names of the entities to export
 * @param relationships schema names of the N:N relationships to export
 * @param retryCount how many tries a failing notification gets in total, the first included, before
 *     it is given up and logged as failed (0-20; 0 behaves like 1: given up at the first failure)
 * @param retryIntervalSeconds the least time between two tries, in seconds (0-3600)
 * @param writeDeleteLog whether deletions are recorded in the {@code DeleteLog} table
 */
public record ExportProfile(
    String name,
    SourceConfig source,
    DestinationConfig destination,
    List<String> entities,
    List<String> relationships,
    int retryCount,
    int retryIntervalSeconds,
    boolean writeDeleteLog) {

  public static final int DEFAULT_RETRY_COUNT = 12;
  public static final int DEFAULT_RETRY_INTERVAL_SECONDS = 5;

  public ExportProfile {
    entities = List.copyOf(entities);
    relationships = List.copyOf(relationships);
  }
}
