package io.dataexport.server.config;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.KeyProviderFactory;
import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A key provider type for configuration tests that accepts any settings and opens nothing. */
final class AcceptingKeyProviders implements KeyProviderFactory {
  private final String type;

  AcceptingKeyProviders(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    return List.of();
  }

  @Override
  public KeyProvider open(Map<String, String> settings, Path dataDirectory) {
    throw new UnsupportedOperationException("configuration tests open no key provider");
  }
}
