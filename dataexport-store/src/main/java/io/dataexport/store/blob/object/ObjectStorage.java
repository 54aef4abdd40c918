package io.dataexport.store.blob.object;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operations of one bucket or container that {@link ObjectBlobStore} builds on, by full object
 * name. Implementations hand bytes through unchanged (they are already sealed) and map their SDK's
 * failures: {@link UnavailableException} when the service cannot be reached, {@link
 * RetriableException} for what may pass (server errors, throttling), {@link ConfigurationException}
 * with what to fix when the settings cannot work (credentials refused, bucket or container
 * missing). Messages name the object's location, never credentials. Thread-safe.
 */
public interface ObjectStorage {
  /** Where an object is, for messages, e.g. {@code s3://bucket/name}. */
  String locationOf(String name);

  /** Stores content under name, replacing any object there; durable when it returns. */
  void write(String name, byte[] content);

  /**
   * Stores content under name only if the object is still at the version read, atomically on the
   * service's side.
   *
   * @return false, without writing, when the object changed or was deleted since
   */
  boolean replace(String name, byte[] content, String version);

  /** The object's content and version, or empty when there is none. */
  Optional<ObjectContent> read(String name);

  /** Deletes an object; nothing happens when there is none. */
  void delete(String name);

  /** Deletes objects (a page of a listing at most); names without an object are ignored. */
  void deleteAll(List<String> names);

  /**
   * Hands every object whose name starts with namePrefix to {@code page}, one listing page at a
   * time in name order, each before the next is fetched (so {@code page} may delete what it got).
   */
  void list(String namePrefix, Consumer<List<ObjectEntry>> page);
}
