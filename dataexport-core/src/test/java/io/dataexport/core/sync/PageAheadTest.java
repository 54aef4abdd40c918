package io.dataexport.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.Problem;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.RelationshipSchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.source.ChangeTokenExpiredException;
import io.dataexport.api.source.SourceChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PageAheadTest {
  private static final EntitySchema ACCOUNT =
      new EntitySchema("account", "accounts", "accountid", true, false, List.of());

  private final PagedSource source = new PagedSource();
  private final Semaphore budget = new Semaphore(1);
  private final PageAhead pages = new PageAhead(source, "account", budget);

  @Test
  void thePageReadAheadIsTheOneReturnedForItsCursor() {
    ChangePage first = pages.read(ACCOUNT, ChangeCursor.start());
    pages.readAhead(ACCOUNT, first.next());

    ChangePage second = pages.read(ACCOUNT, first.next());

    assertThat(second.next().link()).isEqualTo("page-2");
    assertThat(source.readsOf(first.next())).isEqualTo(1);
    assertThat(budget.availablePermits()).isEqualTo(1);
  }

  @Test
  void aPageReadAheadForAnotherCursorOrSchemaIsDroppedAndReadAgain() throws Exception {
    ChangePage first = pages.read(ACCOUNT, ChangeCursor.start());
    pages.readAhead(ACCOUNT, first.next());

    ChangePage restarted = pages.read(ACCOUNT, ChangeCursor.start()); // a re-export began
    assertThat(restarted.next().link()).isEqualTo("page-1");
    assertThat(source.readsOf(ChangeCursor.start())).isEqualTo(2);
    awaitPermitBack(); // once the dropped read has ended

    pages.readAhead(ACCOUNT, first.next());
    EntitySchema refreshed =
        new EntitySchema("account", "accounts", "accountid", true, false, List.of());
    pages.read(refreshed, first.next());
    awaitPermitBack();
    assertThat(source.readsOf(first.next())).isEqualTo(3); // twice ahead, once again
  }

  private void awaitPermitBack() throws InterruptedException {
    assertThat(budget.tryAcquire(5, TimeUnit.SECONDS)).as("the permit comes back").isTrue();
    budget.release();
  }

  @Test
  void whatTheSourceThrowsReadingAheadIsThrownWhenThePageIsAskedFor() {
    ChangeCursor expired = new ChangeCursor(ChangeCursor.Phase.DELTA, "expired", 7);
    pages.readAhead(ACCOUNT, expired);

    assertThatThrownBy(() -> pages.read(ACCOUNT, expired))
        .isInstanceOf(ChangeTokenExpiredException.class);
    assertThat(budget.availablePermits()).isEqualTo(1);
  }

  @Test
  void withTheBudgetSpentTheNextPageIsReadWhenAskedFor() {
    PageAhead other = new PageAhead(source, "contact", budget);
    ChangePage first = pages.read(ACCOUNT, ChangeCursor.start());
    pages.readAhead(ACCOUNT, first.next()); // takes the only permit

    other.readAhead(ACCOUNT, first.next());
    other.read(ACCOUNT, first.next());
    pages.read(ACCOUNT, first.next()); // waits for the read ahead

    assertThat(source.readsOf(first.next())).isEqualTo(2); // ahead by pages, then by other
    assertThat(budget.availablePermits()).isEqualTo(1);
  }

  /** Pages page-1, page-2, … each naming the next; the link "expired" throws. */
  private static final class PagedSource implements ChangeSource {
    private final Map<ChangeCursor, Integer> reads = new ConcurrentHashMap<>();

    int readsOf(ChangeCursor cursor) {
      return reads.getOrDefault(cursor, 0);
    }

    @Override
    public ChangePage read(EntitySchema entity, ChangeCursor cursor) {
      reads.merge(cursor, 1, Integer::sum);
      if ("expired".equals(cursor.link())) {
        throw new ChangeTokenExpiredException("the token expired", null);
      }
      int page = cursor.link() == null ? 0 : Integer.parseInt(cursor.link().substring(5));
      SourceChange change =
          new SourceChange(
              UUID.randomUUID(),
              io.dataexport.api.notification.Operation.UPSERT,
              page,
              Map.of("name", "record " + page));
      return new ChangePage(
          List.of(change),
          new ChangeCursor(ChangeCursor.Phase.INITIAL, "page-" + (page + 1), page),
          false,
          -1);
    }

    @Override
    public io.dataexport.api.schema.SourceCatalog catalog() {
      return new io.dataexport.api.schema.SourceCatalog(List.of(), List.of());
    }

    @Override
    public List<Problem> validate(List<String> entities, List<String> relationships) {
      return List.of();
    }

    @Override
    public EntitySchema describe(String entity) {
      return ACCOUNT;
    }

    @Override
    public RelationshipSchema relationship(String schemaName) {
      throw new RetriableException("no relationships here", null);
    }

    @Override
    public Optional<SourceChange> readRecord(EntitySchema entity, UUID recordId) {
      return Optional.empty();
    }

    @Override
    public void close() {}
  }
}
