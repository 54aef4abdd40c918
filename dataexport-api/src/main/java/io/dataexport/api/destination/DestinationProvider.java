package io.dataexport.api.destination;

import io.dataexport.api.profile.DestinationConfig;

/** Opens destinations of one type; found with {@link java.util.ServiceLoader}. */
public interface DestinationProvider {
  /** The {@code destination.type} served, e.g. {@code sqlite}. */
  String type();

  /** Opens a destination; connects lazily (see {@link Destination#validate}). */
  Destination open(DestinationConfig config);
}
