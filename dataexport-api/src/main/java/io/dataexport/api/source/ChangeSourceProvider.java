package io.dataexport.api.source;

import io.dataexport.api.profile.SourceConfig;

/** Opens change sources of one type; found with {@link java.util.ServiceLoader}. */
public interface ChangeSourceProvider {
  /** The {@code source.type} this provider serves, e.g. {@code dataverse}. */
  String type();

  /** Opens a source; does not contact it yet (see {@link ChangeSource#validate}). */
  ChangeSource open(SourceConfig config);
}
