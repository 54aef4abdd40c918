package io.dataexport.dataverse.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of the source. Numbers come out as {@code Long} and {@link
 * java.math.BigDecimal}, with their scale as written ({@code 1500.50} stays {@code 1500.50}), so
 * record values reach {@link io.dataexport.api.notification.SyncNotification} exactly as the source
 * sent them.
 */
public final class DataverseJson {
  /** Thread-safe; shared by every part of the source. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          // trees strip trailing zeros by default, which would turn money 10.50 into 10.5
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private DataverseJson() {}
}
