package io.dataexport.core.sync;

import java.util.UUID;
import org.slf4j.MDC;

/**
 * What a log line is about, as MDC entries the JSON log format writes as fields: {@value #PROFILE}
 * and {@value #ENTITY} for the threads of a profile, {@value #RECORD_ID} around the work on one
 * record. Ids and names only: never record values or secrets.
 */
final class LogContext {
  static final String PROFILE = "profile";
  static final String ENTITY = "entity";
  static final String RECORD_ID = "recordId";

  private LogContext() {}

  /** Work that runs with the profile (and the entity, when not null) named in its log lines. */
  static Runnable of(String profileId, String entity, Runnable work) {
    return () -> {
      MDC.put(PROFILE, profileId);
      if (entity != null) {
        MDC.put(ENTITY, entity);
      }
      try {
        work.run();
      } finally {
        MDC.clear();
      }
    };
  }

  /** Names an entity in the log lines until closed. */
  static MDC.MDCCloseable entity(String entity) {
    return MDC.putCloseable(ENTITY, entity);
  }

  /** Names a record in the log lines until closed. */
  static MDC.MDCCloseable record(UUID recordId) {
    return MDC.putCloseable(RECORD_ID, recordId.toString());
  }
}
