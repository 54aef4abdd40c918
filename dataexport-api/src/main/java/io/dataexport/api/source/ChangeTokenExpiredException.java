package io.dataexport.api.source;

import io.dataexport.api.error.DataExportException;

/**
 * The source no longer knows the changes since the reader's token (it is older than the source's
 * change retention): the entity must be exported again in full.
 */
public class ChangeTokenExpiredException extends DataExportException {
  public ChangeTokenExpiredException(String message, Throwable cause) {
    super(message, cause);
  }
}
