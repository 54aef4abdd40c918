package io.dataexport.core.sync;

import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.ChangeSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * A change reader's source, one page ahead: while the reader publishes a page, the next one is
 * already being read, so the source's time to serve a page overlaps the service's work on the
 * previous one instead of adding to it (an initial sync reads hundreds of pages back to back).
 *
 * <p>Only the page at the cursor the reader asks for next is used; a page read ahead for another
 * cursor (a re-export started meanwhile) or another schema (refreshed meanwhile) is dropped and the
 * page is read again. Nothing read ahead is ever published without being asked for, so the reader's
 * cursor rules (advance only after the publish) are untouched. The pages read ahead across a
 * profile's readers are bounded by a shared budget, so memory stays bounded with many entities: a
 * reader that finds the budget spent just reads its next page when it needs it.
 *
 * <p>Used by its reader's thread only.
 */
final class PageAhead {
  private final ChangeSource source;
  private final String entity;
  private final Semaphore budget;
  private Pending pending;

  /**
   * @param budget permits for pages read ahead and not yet taken, shared by a profile's readers
   */
  PageAhead(ChangeSource source, String entity, Semaphore budget) {
    this.source = source;
    this.entity = entity;
    this.budget = budget;
  }

  private record Pending(
      EntitySchema schema, ChangeCursor cursor, CompletableFuture<ChangePage> page) {}

  /**
   * The page at {@code cursor}: the one read ahead when it was read for this cursor and schema,
   * else read now.
   *
   * @throws RuntimeException what the source threw reading it
   */
  ChangePage read(EntitySchema schema, ChangeCursor cursor) {
    Pending taken = pending;
    pending = null;
    if (taken != null) {
      if (taken.schema() == schema && taken.cursor().equals(cursor)) {
        try {
          return taken.page().join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
          budget.release();
        }
      }
      drop(taken);
    }
    return source.read(schema, cursor);
  }

  /** Starts reading the page at {@code cursor} in the background, if the budget allows. */
  void readAhead(EntitySchema schema, ChangeCursor cursor) {
    discard();
    if (!budget.tryAcquire()) {
      return;
    }
    CompletableFuture<ChangePage> page = new CompletableFuture<>();
    try {
      Thread.ofVirtual()
          .name("read-ahead-" + entity)
          .start(
              () -> {
                try {
                  page.complete(source.read(schema, cursor));
                } catch (Throwable e) {
                  page.completeExceptionally(e);
                }
              });
    } catch (RuntimeException | Error e) {
      budget.release();
      throw e;
    }
    pending = new Pending(schema, cursor, page);
  }

  /** Drops the page read ahead, if any; its permit returns once its read has ended. */
  void discard() {
    Pending dropped = pending;
    pending = null;
    if (dropped != null) {
      drop(dropped);
    }
  }

  private void drop(Pending dropped) {
    dropped.page().whenComplete((page, failure) -> budget.release());
  }
}
