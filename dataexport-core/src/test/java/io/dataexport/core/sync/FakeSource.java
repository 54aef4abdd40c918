package io.dataexport.core.sync;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.AttributeType;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.RelationshipSchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.source.SourceChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory change source with one tracked entity, {@code account}. Like Dataverse, a delta link
 * keeps selecting the attributes of the read that issued it, whatever schema a later read passes.
 */
public final class FakeSource implements ChangeSource {
  public static final String ENTITY = "account";

  private final List<String> attributes = new ArrayList<>(List.of("accountid", "name"));
  private final Map<UUID, Map<String, Object>> records = new LinkedHashMap<>();
  private final Map<UUID, Long> versions = new LinkedHashMap<>();
  private final Map<UUID, Long> deletions = new LinkedHashMap<>();
  private long clock;
  private volatile CountDownLatch deltaGate;
  private volatile CountDownLatch initialGate;
  private final AtomicInteger reading = new AtomicInteger();
  private final AtomicInteger mostReadingAtOnce = new AtomicInteger();
  private final AtomicInteger initialReads = new AtomicInteger();
  private final AtomicInteger describes = new AtomicInteger();
  private volatile CountDownLatch describeGate;
  private volatile CountDownLatch describing = new CountDownLatch(1);
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicInteger recordReads = new AtomicInteger();
  private final AtomicInteger heldRecordReads = new AtomicInteger();
  private volatile CountDownLatch recordGate;

  public synchronized UUID put(Map<String, Object> values) {
    UUID id = (UUID) values.getOrDefault("id", UUID.randomUUID());
    Map<String, Object> record = new LinkedHashMap<>(records.getOrDefault(id, Map.of()));
    record.putAll(values);
    record.remove("id");
    records.put(id, record);
    versions.put(id, ++clock);
    return id;
  }

  public synchronized void delete(UUID id) {
    records.remove(id);
    versions.remove(id);
    deletions.put(id, ++clock);
  }

  /**
   * Adds an attribute holding {@code value} in every record, without changing their versions (as
   * when a column with a default is added to a Dataverse table).
   */
  public synchronized void addAttribute(String name, Object value) {
    attributes.add(name);
    records.values().forEach(r -> r.put(name, value));
  }

  public synchronized Map<UUID, Map<String, Object>> records() {
    Map<UUID, Map<String, Object>> copy = new LinkedHashMap<>();
    records.forEach((id, r) -> copy.put(id, Map.copyOf(r)));
    return copy;
  }

  /** Makes delta reads wait until the returned latch is counted down. */
  public CountDownLatch holdDeltaReads() {
    CountDownLatch gate = new CountDownLatch(1);
    deltaGate = gate;
    return gate;
  }

  /** Makes initial reads wait until the returned latch is counted down. */
  public CountDownLatch holdInitialReads() {
    CountDownLatch gate = new CountDownLatch(1);
    initialGate = gate;
    return gate;
  }

  /** Makes describe calls wait until the returned latch is counted down. */
  public CountDownLatch holdDescribes() {
    CountDownLatch gate = new CountDownLatch(1);
    describing = new CountDownLatch(1);
    describeGate = gate;
    return gate;
  }

  /** Counted down once a describe call is waiting at the gate. */
  public CountDownLatch describing() {
    return describing;
  }

  /** Makes reads of records by id wait until the returned latch is counted down. */
  public CountDownLatch holdRecordReads() {
    CountDownLatch gate = new CountDownLatch(1);
    recordGate = gate;
    return gate;
  }

  /** How many reads of records by id wait at the gate now. */
  public int heldRecordReads() {
    return heldRecordReads.get();
  }

  /** How many records were read by id. */
  public int recordReads() {
    return recordReads.get();
  }

  public int readingNow() {
    return reading.get();
  }

  public int mostReadingAtOnce() {
    return mostReadingAtOnce.get();
  }

  public int initialReads() {
    return initialReads.get();
  }

  public int describes() {
    return describes.get();
  }

  /** How often it was closed. */
  public int closes() {
    return closes.get();
  }

  @Override
  public List<Problem> validate(List<String> entities, List<String> relationships) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < entities.size(); i++) {
      if (!entities.get(i).equals(ENTITY)) {
        problems.add(
            new Problem("entities[" + i + "]", entities.get(i), "does not exist in the source."));
      }
    }
    return problems;
  }

  @Override
  public io.dataexport.api.schema.SourceCatalog catalog() {
    return new io.dataexport.api.schema.SourceCatalog(
        List.of(new io.dataexport.api.schema.SourceCatalog.Entity(ENTITY, "Account", true)),
        List.of());
  }

  @Override
  public EntitySchema describe(String entity) {
    describes.incrementAndGet();
    CountDownLatch gate = describeGate;
    if (gate != null) {
      describing.countDown();
      await(gate);
    }
    if (!entity.equals(ENTITY)) {
      throw new ConfigurationException("No entity " + entity);
    }
    List<AttributeSchema> list = new ArrayList<>();
    synchronized (this) {
      for (String name : attributes) {
        list.add(
            new AttributeSchema(
                name,
                name.equals("accountid") ? AttributeType.UNIQUEIDENTIFIER : AttributeType.STRING,
                name.equals("accountid") ? null : 100,
                null,
                false,
                List.of(),
                null));
      }
    }
    return new EntitySchema(ENTITY, "accounts", "accountid", true, false, list);
  }

  @Override
  public RelationshipSchema relationship(String schemaName) {
    throw new ConfigurationException("No relationship " + schemaName);
  }

  @Override
  public ChangePage read(EntitySchema entity, ChangeCursor cursor) {
    int now = reading.incrementAndGet();
    mostReadingAtOnce.accumulateAndGet(now, Math::max);
    try {
      if (cursor.link() == null) {
        initialReads.incrementAndGet();
        CountDownLatch held = initialGate;
        if (held != null) {
          await(held);
        }
        List<String> select = entity.attributes().stream().map(a -> a.logicalName()).toList();
        synchronized (this) {
          List<SourceChange> changes = new ArrayList<>();
          records.forEach(
              (id, r) ->
                  changes.add(
                      new SourceChange(
                          id, Operation.UPSERT, versions.get(id), selected(r, select))));
          ChangeCursor next =
              new ChangeCursor(
                  ChangeCursor.Phase.DELTA,
                  "delta:" + clock + ":" + String.join(",", select),
                  Math.max(cursor.highWaterVersion(), clock));
          return new ChangePage(changes, next, true, records.size());
        }
      }
      CountDownLatch gate = deltaGate;
      if (gate != null) {
        await(gate);
      }
      String[] parts = cursor.link().split(":");
      long since = Long.parseLong(parts[1]);
      List<String> select = Arrays.asList(parts[2].split(","));
      synchronized (this) {
        List<SourceChange> changes = new ArrayList<>();
        versions.forEach(
            (id, v) -> {
              if (v > since) {
                changes.add(
                    new SourceChange(id, Operation.UPSERT, v, selected(records.get(id), select)));
              }
            });
        deletions.forEach(
            (id, v) -> {
              if (v > since) {
                changes.add(new SourceChange(id, Operation.DELETE, clock, Map.of()));
              }
            });
        ChangeCursor next =
            new ChangeCursor(
                ChangeCursor.Phase.DELTA,
                "delta:" + clock + ":" + parts[2],
                Math.max(cursor.highWaterVersion(), clock));
        return new ChangePage(changes, next, true, -1);
      }
    } finally {
      reading.decrementAndGet();
    }
  }

  @Override
  public Optional<SourceChange> readRecord(EntitySchema entity, UUID recordId) {
    CountDownLatch gate = recordGate;
    if (gate != null) {
      heldRecordReads.incrementAndGet();
      await(gate);
      heldRecordReads.decrementAndGet();
    }
    recordReads.incrementAndGet();
    return currentRecord(entity, recordId);
  }

  private synchronized Optional<SourceChange> currentRecord(EntitySchema entity, UUID recordId) {
    Map<String, Object> record = records.get(recordId);
    if (record == null) {
      return Optional.empty();
    }
    List<String> select = entity.attributes().stream().map(a -> a.logicalName()).toList();
    return Optional.of(
        new SourceChange(
            recordId, Operation.UPSERT, versions.get(recordId), selected(record, select)));
  }

  private static Map<String, Object> selected(Map<String, Object> record, List<String> select) {
    Map<String, Object> payload = new LinkedHashMap<>();
    for (String name : select) {
      if (!name.equals("accountid")) {
        payload.put(name, record.get(name));
      }
    }
    return payload;
  }

  private static void await(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }
}
