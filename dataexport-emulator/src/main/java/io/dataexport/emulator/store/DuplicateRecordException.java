package io.dataexport.emulator.store;

import java.util.UUID;

/** A create named an id that a live record already has. */
public final class DuplicateRecordException extends RuntimeException {
  public DuplicateRecordException(String entity, UUID id) {
    super("A record with the specified key values already exists: " + entity + " " + id);
  }
}
