package io.dataexport.emulator.store;

import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OptionDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import io.dataexport.emulator.sample.SampleData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All records of the emulated organisation, with one version clock shared by every entity (like
 * Dataverse's row version) and the change-token retention that decides when a token expires.
 */
public final class OrganisationStore {
  private static final long FIRST_VERSION = 100_000;

  private final SampleData data;
  private final Clock clock;
  private final Duration changeRetention;
  private final AtomicLong versionClock;
  private final Map<String, EntityTable> tables = new LinkedHashMap<>();

  /**
   * @param data the seeded records
   * @param clock the time source for change timestamps and token expiry
   * @param changeRetention how long change tokens stay valid
   */
  public OrganisationStore(SampleData data, Clock clock, Duration changeRetention) {
    this.data = data;
    this.clock = clock;
    this.changeRetention = changeRetention;
    long base = FIRST_VERSION;
    AtomicLong versions = new AtomicLong();
    for (EntityDefinition entity : data.metadata().entities()) {
      tables.put(entity.logicalName(), new EntityTable(entity, data, versions, base));
      base += data.seedCount(entity.logicalName());
    }
    versions.set(base);
    this.versionClock = versions;
  }

  public OrganisationMetadata metadata() {
    return data.metadata();
  }

  public SampleData sampleData() {
    return data;
  }

  public Clock clock() {
    return clock;
  }

  public Duration changeRetention() {
    return changeRetention;
  }

  /** The latest version given to any change. */
  public long currentVersion() {
    return versionClock.get();
  }

  public EntityTable table(String logicalName) {
    EntityTable table = tables.get(logicalName);
    if (table == null) {
      throw new IllegalArgumentException("no entity " + logicalName);
    }
    return table;
  }

  public Optional<EntityTable> tableBySetName(String entitySetName) {
    return metadata().entityBySetName(entitySetName).map(e -> tables.get(e.logicalName()));
  }

  /**
   * Creates a record as Dataverse would: a new id when none is given, {@code createdon} and {@code
   * modifiedon} set to now, state and status defaulted, owner defaulted to the first user.
   */
  public StoredRecord create(EntityDefinition entity, Object[] values) {
    Instant now = now();
    Object[] record = values.clone();
    int idIndex = entity.primaryIdIndex();
    if (record[idIndex] == null) {
      record[idIndex] = UUID.randomUUID();
    }
    set(entity, record, "createdon", now);
    set(entity, record, "modifiedon", now);
    applyStateDefaults(entity, record);
    if (entity.indexOf("ownerid") >= 0 && record[entity.indexOf("ownerid")] == null) {
      long users = data.seedCount("systemuser");
      if (users > 0) {
        record[entity.indexOf("ownerid")] =
            new EntityReference("systemuser", data.seedId("systemuser", 0));
        set(entity, record, "owneridtype", "systemuser");
      }
    }
    return table(entity.logicalName()).create(record, now);
  }

  /**
   * Applies {@code changes} (attribute index to value) to a live record; sets {@code modifiedon}.
   */
  public Optional<StoredRecord> update(
      EntityDefinition entity, UUID id, Map<Integer, Object> changes) {
    Instant now = now();
    return table(entity.logicalName())
        .update(
            id,
            values -> {
              changes.forEach((index, value) -> values[index] = value);
              set(entity, values, "modifiedon", now);
              return values;
            },
            now);
  }

  /** Replaces a live record's values wholesale (used by the workload); sets {@code modifiedon}. */
  public Optional<StoredRecord> replace(EntityDefinition entity, UUID id, Object[] newValues) {
    Instant now = now();
    return table(entity.logicalName())
        .update(
            id,
            values -> {
              Object[] next = newValues.clone();
              next[entity.primaryIdIndex()] = id;
              set(entity, next, "modifiedon", now);
              return next;
            },
            now);
  }

  /** Deletes a live record; returns its tombstone, or empty when no live record has this id. */
  public Optional<StoredRecord> delete(EntityDefinition entity, UUID id) {
    return table(entity.logicalName()).delete(id, now());
  }

  /** Drops change history older than the retention: tokens that old have expired anyway. */
  public void forgetExpiredChanges() {
    Instant horizon = clock.instant().minus(changeRetention);
    tables.values().forEach(t -> t.forgetChangesBefore(horizon));
  }

  /** Whether a change token issued at {@code issuedAt} has expired. */
  public boolean expired(Instant issuedAt) {
    return issuedAt.isBefore(clock.instant().minus(changeRetention));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static void set(
      EntityDefinition entity, Object[] values, String attribute, Object value) {
    int index = entity.indexOf(attribute);
    if (index >= 0) {
      values[index] = value;
    }
  }

  private static void applyStateDefaults(EntityDefinition entity, Object[] values) {
    int state = entity.indexOf("statecode");
    int status = entity.indexOf("statuscode");
    if (state < 0 || status < 0) {
      return;
    }
    AttributeDefinition stateAttribute = entity.attributes().get(state);
    AttributeDefinition statusAttribute = entity.attributes().get(status);
    if (values[status] != null && values[state] == null) {
      statusAttribute
          .optionSet()
          .option((Integer) values[status])
          .ifPresent(o -> values[state] = o.state());
    }
    if (values[state] == null) {
      values[state] = stateAttribute.optionSet().options().get(0).value();
    }
    if (values[status] == null) {
      int stateValue = (Integer) values[state];
      values[status] =
          stateAttribute
              .optionSet()
              .option(stateValue)
              .map(OptionDefinition::defaultStatus)
              .orElse(null);
    }
  }
}
