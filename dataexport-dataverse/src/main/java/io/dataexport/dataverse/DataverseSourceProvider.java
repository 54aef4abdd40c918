package io.dataexport.dataverse;

import io.dataexport.api.profile.SourceConfig;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.source.ChangeSourceProvider;

/**
 * Opens Dataverse change sources ({@code source.type: dataverse}) with the default {@link
 * DataverseSettings}; found with {@link java.util.ServiceLoader}.
 */
public final class DataverseSourceProvider implements ChangeSourceProvider {
  /** The {@code source.type} served. */
  public static final String TYPE = "dataverse";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ChangeSource open(SourceConfig config) {
    return DataverseChangeSource.open(config, DataverseSettings.defaults());
  }
}
