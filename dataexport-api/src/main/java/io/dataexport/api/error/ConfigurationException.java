package io.dataexport.api.error;

/**
 * The configuration cannot work (bad credentials, unknown entity, missing privilege): nothing is
 * retried until an administrator changes it. The message names the setting and the fix.
 */
public class ConfigurationException extends DataExportException {
  public ConfigurationException(String message) {
    super(message, null);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
