package io.dataexport.bench.stores;

import io.dataexport.bench.db.PostgresqlBench;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The stores a cluster shares: the config &amp; metrics store in PostgreSQL, each service's in a
 * schema of its own on the benchmark's server (created by {@link #open}, dropped when its stores
 * close) under a random {@code store.encryptionKey}; the blobs in S3, on an S3Proxy child JVM that
 * starts with the first service and stops on {@link #close}, each service under a prefix of its own
 * in one bucket.
 */
public final class SharedStores implements ServiceStores {
  /** The name on the command line and in the results. */
  public static final String NAME = "shared";

  private static final String BUCKET = "dataexport-bench";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Callable<PostgresqlBench> schemas;
  private S3Proxy s3;

  /**
   * @param schemas opens a fresh schema on the benchmark's PostgreSQL, dropped when closed
   */
  public SharedStores(Callable<PostgresqlBench> schemas) {
    this.schemas = schemas;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "PostgreSQL config store (a schema of its own) and S3 blobs (S3Proxy in a child JVM)";
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when S3Proxy cannot start, with its output
   */
  @Override
  public synchronized FreshStores open() throws Exception {
    if (s3 == null) {
      S3Proxy started = S3Proxy.start(S3Proxy.jar());
      try {
        started.createBucket(BUCKET);
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      s3 = started;
    }
    PostgresqlBench schema = schemas.call();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("DATAEXPORT_STORE_URL", schema.schemaUrl());
    environment.put("DATAEXPORT_STORE_USERNAME", schema.user());
    if (schema.password() != null && !schema.password().isEmpty()) {
      environment.put("DATAEXPORT_STORE_PASSWORD", schema.password());
    }
    environment.put(
        "DATAEXPORT_STORE_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(randomBytes(32)));
    environment.putAll(s3.environment(BUCKET, schema.schema()));
    return new FreshStores(environment, schema::close);
  }

  @Override
  public synchronized void close() {
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
  }

  /** Bytes from a strong random source: keys. */
  static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
