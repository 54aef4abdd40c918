package io.dataexport.emulator.http.metadata;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Metadata ids for things the model does not give an id of its own (labels, option sets, derived
 * relationships). Name-based, so a client sees the same id on every request and every run.
 */
final class StableIds {
  private StableIds() {}

  /** The id named by the parts, e.g. {@code of("optionset", "account_industrycode")}. */
  static UUID of(String... parts) {
    return UUID.nameUUIDFromBytes(
        ("dataexport-emulator:" + String.join("/", parts)).getBytes(StandardCharsets.UTF_8));
  }
}
