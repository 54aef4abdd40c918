package io.dataexport.emulator.throttle;

import io.dataexport.emulator.http.ODataException;
import java.util.Map;

/**
 * A request refused because a limit was reached.
 *
 * @param limit the limit reached
 * @param waitMillis how long until the client has capacity again
 */
record Refusal(ProtectionLimit limit, long waitMillis) {

  /** Whole seconds to wait, rounded up, at least one. */
  long retryAfterSeconds() {
    return Math.max(1, Math.ceilDiv(waitMillis, 1000L));
  }

  /** The 429 Dataverse answers with. */
  ODataException toException(ServiceProtectionLimits limits) {
    return new ODataException(
        429,
        limit.code(),
        limit.message(limits),
        Map.of("Retry-After", Long.toString(retryAfterSeconds())));
  }
}
