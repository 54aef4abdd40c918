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
 * close) under a random {@code store.encryptionKey}; the blobs in S3, on an S3Proxy child JVM, each
 * service under a prefix of its own in one bucket; the notification bus in Kafka, on a one-node
 * KRaft broker in a child JVM, each service's topics under a prefix of its own. A PostgreSQL store
 * means cluster mode, which refuses the embedded bus and local blobs, so a service on these stores
 * is a node of a cluster (of one, unless more nodes are given the same stores). S3Proxy and the
 * broker start with the first service and stop on {@link #close}.
 */
public final class SharedStores implements ServiceStores {
  /** The name on the command line and in the results. */
  public static final String NAME = "shared";

  /** {@code bus.partitions} unless given: the service's own default. */
  public static final int DEFAULT_PARTITIONS = 12;

  private static final String BUCKET = "dataexport-bench";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Callable<PostgresqlBench> schemas;
  private final int partitions;
  private S3Proxy s3;
  private KafkaServer kafka;

  /**
   * @param schemas opens a fresh schema on the benchmark's PostgreSQL, dropped when closed
   */
  public SharedStores(Callable<PostgresqlBench> schemas) {
    this(schemas, DEFAULT_PARTITIONS);
  }

  /**
   * @param schemas opens a fresh schema on the benchmark's PostgreSQL, dropped when closed
   * @param partitions {@code bus.partitions}: of every profile's topic
   */
  public SharedStores(Callable<PostgresqlBench> schemas, int partitions) {
    this.schemas = schemas;
    this.partitions = partitions;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "PostgreSQL config store (a schema of its own), S3 blobs (S3Proxy in a child JVM) and"
        + " the Kafka bus ("
        + partitions
        + " partitions a topic; a one-node KRaft broker in a child JVM)";
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when S3Proxy or the broker cannot start, with its output
   */
  @Override
  public synchronized FreshStores open() throws Exception {
    if (kafka == null) {
      kafka = KafkaServer.start();
    }
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
    environment.put("DATAEXPORT_BUS_TYPE", "kafka");
    environment.put("DATAEXPORT_BUS_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    environment.put("DATAEXPORT_BUS_TOPIC_PREFIX", schema.schema());
    environment.put("DATAEXPORT_BUS_PARTITIONS", Integer.toString(partitions));
    return new FreshStores(environment, schema::close);
  }

  @Override
  public synchronized void close() {
    try {
      if (s3 != null) {
        s3.close();
        s3 = null;
      }
    } finally {
      if (kafka != null) {
        kafka.close();
        kafka = null;
      }
    }
  }

  /** Bytes from a strong random source: keys. */
  static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
