package io.dataexport.server.config;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A blob store type for configuration tests: remembers the settings it was asked to check and
 * answers with the problems it was given. Never opens anything.
 */
final class RecordingBlobStores implements BlobStoreProvider {
  private final String type;
  private final List<Problem> problems;
  Map<String, String> checked;

  RecordingBlobStores(String type, List<Problem> problems) {
    this.type = type;
    this.problems = problems;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    checked = settings;
    return problems;
  }

  @Override
  public BlobStore open(Map<String, String> settings, KeyProvider keys, Path dataDirectory) {
    throw new UnsupportedOperationException("configuration tests open no blob store");
  }
}
