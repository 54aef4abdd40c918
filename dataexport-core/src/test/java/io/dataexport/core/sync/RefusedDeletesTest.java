package io.dataexport.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dataexport.api.destination.ApplyResult;
import io.dataexport.api.destination.RefusedDelete;
import io.dataexport.core.metrics.SyncMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A delete the version guard refused is logged with the record and both versions, and counted. */
class RefusedDeletesTest {
  @Test
  void eachRefusedDeleteIsLoggedAndCounted() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(RefusedDeletes.class);
    logger.addAppender(log);
    UUID record = UUID.randomUUID();
    try {
      RefusedDeletes refused = new RefusedDeletes("p1", new SyncMeters(registry));

      refused.report("account", ApplyResult.CLEAN);
      refused.report("account", ApplyResult.of(List.of(new RefusedDelete(record, 8, 9))));
    } finally {
      logger.detachAppender(log);
    }

    assertThat(
            registry
                .get("dataexport.deletes.refused")
                .tag(SyncMeters.PROFILE, "p1")
                .tag(SyncMeters.ENTITY, "account")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(log.list).hasSize(1);
    ILoggingEvent event = log.list.get(0);
    assertThat(event.getFormattedMessage())
        .contains("account", record.toString(), "version 8", "version 9");
    assertThat(event.getMDCPropertyMap()).containsEntry("recordId", record.toString());
  }
}
