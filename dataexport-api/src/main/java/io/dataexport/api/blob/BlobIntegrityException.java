package io.dataexport.api.blob;

import io.dataexport.api.error.PermanentException;

/**
 * A stored blob does not authenticate: its bytes were changed, it was moved to another key, or the
 * key-encryption key under its key id is not the one it was written with. Reading it again will not
 * help, so the record it carries is given up (and can be resynced from the source). The message
 * names the blob and where it is stored, never its content.
 */
public class BlobIntegrityException extends PermanentException {
  public BlobIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
