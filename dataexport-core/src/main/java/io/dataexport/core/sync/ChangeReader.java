package io.dataexport.core.sync;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.ChangeTokenExpiredException;
import io.dataexport.api.source.SourceChange;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.api.store.LeaseLostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one entity's changes and puts them on the bus: the initial full read, then deltas. Owns the
 * entity's cursor, and advances it only after the page's notifications are durable on the bus — a
 * crash anywhere re-reads, never skips.
 *
 * <p>Every full read — the first, a re-export when the source says the change token expired, an
 * administrator's resync, and a read that starts over because a crash came before its first cursor
 * save — is begun and ended through {@link FullReads}: once it is applied, rows the source no
 * longer has are swept from the destination, so a record deleted between two attempts never stays.
 *
 * <p>Every {@link SyncSettings#schemaRefreshInterval()} it describes its entity again: the
 * destination evolves (new columns, current metadata tables), and when the attribute list changed
 * the entity is exported again, because the source's links keep selecting the attributes of the
 * read that issued them, and rows not changed since would never get the new attributes.
 */
final class ChangeReader implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeReader.class);

  private final String profileId;
  private final String entity;
  private final PageAhead pages;
  private final FullReads fullReads;
  private final ConfigStore store;
  private final SchemaRegistry schemas;
  private final NotificationPublisher publisher;
  private final Fence fence;
  private final SyncSettings settings;
  private final Clock clock;
  private final StopSignal signal = new StopSignal();
  private volatile String lastError;
  private volatile boolean reexportRequested;
  private Instant nextSchemaCheck;
  // The attributes the links of the current stream select: those of the read that began it, as far
  // as this reader knows (a stream it took over is assumed to select the registry's).
  private Set<String> streamAttributes;

  ChangeReader(
      String profileId,
      String entity,
      PageAhead pages,
      FullReads fullReads,
      ConfigStore store,
      SchemaRegistry schemas,
      NotificationPublisher publisher,
      Fence fence,
      SyncSettings settings,
      Clock clock) {
    this.profileId = profileId;
    this.entity = entity;
    this.pages = pages;
    this.fullReads = fullReads;
    this.store = store;
    this.schemas = schemas;
    this.publisher = publisher;
    this.fence = fence;
    this.settings = settings;
    this.clock = clock;
  }

  String entity() {
    return entity;
  }

  /** The last failure that stopped progress, or null while all is well. */
  String lastError() {
    return lastError;
  }

  /** Asks the reader to stop after the page in hand; notifications already read still go out. */
  void stop() {
    signal.stop();
  }

  boolean stopped() {
    return signal.stopped();
  }

  /**
   * Makes the reader begin with a full re-export (an administrator's resync): rows not written
   * again by it are swept once it is applied. Call before {@link #run()}.
   */
  void requestReexport() {
    reexportRequested = true;
  }

  /** Restarts the entity's stream as a full read; the next step begins it. */
  private void startReexport() {
    EntitySyncState state = state();
    store.saveCursor(
        profileId, entity, state.cursor().restart(), InitialSyncState.IN_PROGRESS, 0, -1);
  }

  @Override
  public void run() {
    try {
      readUntilStopped();
    } finally {
      pages.discard();
    }
  }

  private void readUntilStopped() {
    Backoff backoff = new Backoff(settings);
    nextSchemaCheck = clock.instant().plus(positive(settings.schemaRefreshInterval()));
    while (!signal.stopped()) {
      try {
        if (reexportRequested) {
          startReexport();
          reexportRequested = false;
        }
        refreshSchemaWhenDue();
        boolean caughtUp = step();
        backoff.reset();
        lastError = null;
        if (caughtUp && !signal.pause(settings.pollInterval())) {
          return;
        }
      } catch (LeaseLostException e) {
        // another node reads the entity now (cluster mode): stop without another write
        LOG.warn("Stopped reading {}: {}", entity, e.getMessage());
        signal.stop();
        return;
      } catch (ChangeTokenExpiredException e) {
        LOG.warn("Change token of {} expired; exporting the entity again in full", entity);
        // started at the top of the loop, where a store that fails now is retried
        reexportRequested = true;
      } catch (ConfigurationException e) {
        lastError = e.getMessage();
        LOG.error("Reading {} stopped by a configuration problem: {}", entity, e.getMessage());
        if (!signal.pause(settings.maxBackoff())) {
          return;
        }
      } catch (RetriableException e) {
        if (signal.stopped()) {
          // the source's waits were ended because the profile stops (ChangeSource#stopWaiting)
          LOG.info("Reading {} stopped while the source was failing: {}", entity, e.getMessage());
          return;
        }
        lastError = e.getMessage();
        LOG.warn("Reading {} failed for now, will retry: {}", entity, e.getMessage());
        if (!signal.pause(backoff.delayAfter(e))) {
          return;
        }
      } catch (RuntimeException e) {
        lastError = e.toString();
        LOG.error("Reading {} failed unexpectedly, will retry", entity, FailureReason.redacted(e));
        if (!signal.pause(backoff.delayAfter(e))) {
          return;
        }
      }
    }
  }

  /** Reads and publishes one page; returns whether the entity is caught up. */
  private boolean step() {
    EntitySyncState state = state();
    ChangeCursor cursor = state.cursor();
    boolean initial = cursor.phase() == ChangeCursor.Phase.INITIAL;
    boolean fromScratch = initial && cursor.link() == null;
    Instant readStart = state.reexportStartedAt();
    long rowsRead = state.rowsRead();
    long total = state.estimatedTotal();
    if (fromScratch) {
      // nothing of this read is on the bus yet (a crash before the first cursor save starts over)
      readStart = fullReads.begin(entity, signal);
      rowsRead = 0;
      total = -1;
      store.saveCursor(profileId, entity, cursor, InitialSyncState.IN_PROGRESS, 0, -1);
    }
    EntitySchema schema = schemas.schema(entity);
    if (cursor.link() == null || streamAttributes == null) {
      streamAttributes = attributeNames(schema);
    }
    ChangePage page = pages.read(schema, cursor);
    if (!page.caughtUp()) {
      pages.readAhead(schema, page.next()); // read while this page is published
    }
    InitialSyncState syncState = initial ? InitialSyncState.IN_PROGRESS : state.initialSyncState();
    if (page.next().highWaterVersion() > cursor.highWaterVersion() && !page.changes().isEmpty()) {
      // Deletions later carry at least the high-water version, so it must be durable before the
      // versions it covers are: after a crash between publish and the cursor save, a re-read page
      // no longer shows a row deleted meanwhile, and a lower high-water version would let the
      // already-published upsert win over the deletion.
      store.saveCursor(
          profileId,
          entity,
          new ChangeCursor(cursor.phase(), cursor.link(), page.next().highWaterVersion()),
          syncState,
          rowsRead,
          total);
    }
    publish(page.changes());
    if (fromScratch) {
      CrashPoint.reached(CrashPoint.FIRST_PAGE_PUBLISHED, entity);
    }
    if (initial) {
      rowsRead += page.changes().size();
      total = page.estimatedTotal() >= 0 ? page.estimatedTotal() : total;
    }
    boolean finishedInitial = initial && page.next().phase() == ChangeCursor.Phase.DELTA;
    if (finishedInitial) {
      if (readStart != null) {
        // the writer side completes the read once it is applied (ReexportCompletion)
        store.markReexportPublished(profileId, entity, readStart);
      }
      syncState = InitialSyncState.COMPLETED;
    }
    store.saveCursor(profileId, entity, page.next(), syncState, rowsRead, total);
    return page.caughtUp();
  }

  private void publish(List<SourceChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<SyncNotification> notifications = new ArrayList<>(changes.size());
    for (SourceChange change : changes) {
      notifications.add(
          new SyncNotification(
              profileId,
              entity,
              change.recordId(),
              change.operation(),
              change.version(),
              now,
              change.payload()));
    }
    fence.check();
    publisher.publish(entity, notifications, now);
  }

  /**
   * Describes the entity again when it is time, between delta reads (an initial read goes on with
   * the links it has and is checked once it is over). The registry evolves the destination when the
   * shape changed; a changed attribute list starts a re-export that selects the new list.
   */
  private void refreshSchemaWhenDue() {
    Duration every = settings.schemaRefreshInterval();
    Instant now = clock.instant();
    if (every.isZero() || every.isNegative() || now.isBefore(nextSchemaCheck)) {
      return;
    }
    if (state().cursor().phase() != ChangeCursor.Phase.DELTA) {
      return;
    }
    // set first: a source that cannot describe now must not stop the reading until the next check
    nextSchemaCheck = now.plus(every);
    Set<String> attributes = attributeNames(schemas.refresh(entity));
    if (streamAttributes != null && !attributes.equals(streamAttributes)) {
      Set<String> added = new TreeSet<>(attributes);
      added.removeAll(streamAttributes);
      Set<String> removed = new TreeSet<>(streamAttributes);
      removed.removeAll(attributes);
      LOG.info(
          "Attributes of {} changed (added {}, removed {}); exporting the entity again so every row"
              + " has them",
          entity,
          added,
          removed);
      startReexport();
      streamAttributes = attributes;
    }
  }

  private static Set<String> attributeNames(EntitySchema schema) {
    Set<String> names = new TreeSet<>();
    schema.attributes().forEach(a -> names.add(a.logicalName()));
    return names;
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  private EntitySyncState state() {
    return store
        .entityState(profileId, entity)
        .orElseThrow(() -> new IllegalStateException("no sync state for " + entity));
  }
}
