package io.dataexport.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.Secret;
import io.dataexport.kafka.KafkaBusProvider;
import io.dataexport.server.auth.Role;
import io.dataexport.store.blob.LocalBlobStoreProvider;
import io.dataexport.store.blob.LocalKeyProviderFactory;
import io.dataexport.store.bus.EmbeddedBusProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServiceConfig#load}: defaults, the YAML file, the environment, flags, and checks. */
class ServiceConfigTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir Path directory;

  @Test
  void withoutFileAndVariablesTheEmbeddedDefaultsApply() {
    ServiceConfig config = ServiceConfig.load(null, Map.of(), Map.of());

    assertThat(config.api()).isEqualTo(new ApiConfig("127.0.0.1", 8080));
    assertThat(config.data()).isEqualTo(Path.of("data"));
    assertThat(config.node().id()).endsWith("-" + ProcessHandle.current().pid());
    assertThat(config.store().url()).isEqualTo("jdbc:sqlite:" + Path.of("data", "config.sqlite"));
    assertThat(config.store().isEmbedded(config.data())).isTrue();
    assertThat(config.bus())
        .isEqualTo(
            new BusConfig(
                "embedded", Optional.empty(), "dataexport", 12, 1, new ProviderSettings(Map.of())));
    assertThat(config.blobs()).isEqualTo(new BlobsConfig("local", new ProviderSettings(Map.of())));
    assertThat(config.keys()).isEqualTo(new KeysConfig("local", new ProviderSettings(Map.of())));
  }

  @Test
  void nestedYamlFillsEverySection() throws IOException {
    Path file =
        yaml(
            """
            api:
              host: 0.0.0.0
              port: 9090
            data: /var/lib/dataexport
            node:
              id: node-a
            store:
              url: jdbc:postgresql://db:5432/dataexport
              username: dataexport
              password: Store-Pw-1
              encryptionKey: %s
            bus:
              type: kafka
              bootstrapServers: kafka-1:9092,kafka-2:9092
              topicPrefix: prod
              partitions: 24
              replicationFactor: 3
              properties:
                security.protocol: SASL_SSL
                sasl:
                  mechanism: PLAIN
            blobs:
              type: s3
              bucket: parked
              pathStyle: true
            keys:
              type: configured
              primaryId: k2
            """
                .formatted(KEY));

    ServiceConfig config = load(file, Map.of(), Map.of());

    assertThat(config.api()).isEqualTo(new ApiConfig("0.0.0.0", 9090));
    assertThat(config.data()).isEqualTo(Path.of("/var/lib/dataexport"));
    assertThat(config.node().id()).isEqualTo("node-a");
    assertThat(config.store())
        .isEqualTo(
            new StoreConfig(
                "jdbc:postgresql://db:5432/dataexport",
                Optional.of("dataexport"),
                Optional.of(Secret.of("Store-Pw-1")),
                Optional.of(Secret.of(KEY))));
    assertThat(config.bus())
        .isEqualTo(
            new BusConfig(
                "kafka",
                Optional.of("kafka-1:9092,kafka-2:9092"),
                "prod",
                24,
                3,
                new ProviderSettings(
                    Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"))));
    assertThat(config.blobs().type()).isEqualTo("s3");
    assertThat(config.blobs().settings().values())
        .containsExactlyInAnyOrderEntriesOf(Map.of("bucket", "parked", "pathStyle", "true"));
    assertThat(config.keys())
        .isEqualTo(new KeysConfig("configured", new ProviderSettings(Map.of("primaryId", "k2"))));
    assertThat(config.cluster()).isEqualTo(new ClusterConfig(true, Duration.ofSeconds(15)));
  }

  @Test
  void aSharedStoreMeansAClusterWhoseNodesMustShareTheBusAndTheBlobs() {
    InvalidConfigException refused =
        refusal(
            null,
            Map.of(
                "DATAEXPORT_STORE_URL",
                "jdbc:postgresql://db:5432/dataexport",
                "DATAEXPORT_STORE_ENCRYPTION_KEY",
                KEY));

    assertThat(refused.problems())
        .extracting(Problem::field)
        .containsExactly("bus.type", "blobs.type");
    assertThat(refused.problems().get(0).message())
        .contains("shared PostgreSQL store", "bus.type: kafka", "bus.bootstrapServers");
    assertThat(refused.problems().get(1).message())
        .contains("shared PostgreSQL store", "blobs.type: s3 or azure");
  }

  @Test
  void aSqliteStoreIsASingleNodeWhateverTheBus() {
    ServiceConfig config =
        load(
            null,
            Map.of(
                "DATAEXPORT_BUS_TYPE", "kafka",
                "DATAEXPORT_BUS_BOOTSTRAP_SERVERS", "kafka-1:9092",
                "DATAEXPORT_CLUSTER_LEASE_SECONDS", "6"),
            Map.of());

    assertThat(config.cluster()).isEqualTo(new ClusterConfig(false, Duration.ofSeconds(6)));
  }

  @Test
  void thePublicUrlIsTheSchemeAndHostBrowsersUseAndAnythingElseIsRefused() {
    ServiceConfig config =
        load(
            null, Map.of("DATAEXPORT_API_PUBLIC_URL", "https://dataexport.example.com/"), Map.of());
    assertThat(config.api().publicUrl()).contains(URI.create("https://dataexport.example.com"));
    assertThat(load(null, Map.of(), Map.of()).api().publicUrl()).isEmpty();

    for (String wrong :
        List.of(
            "dataexport.example.com",
            "ftp://dataexport.example.com",
            "https://dataexport.example.com/console",
            "https://dataexport.example.com?x=1",
            "https://admin@dataexport.example.com",
            "https://exa mple.com")) {
      InvalidConfigException refused = refusal(null, Map.of("DATAEXPORT_API_PUBLIC_URL", wrong));
      assertThat(refused.problems())
          .as(wrong)
          .singleElement()
          .satisfies(
              problem -> {
                assertThat(problem.field()).isEqualTo("api.publicUrl");
                // shown, without user info or a query (either may hold a secret)
                assertThat(problem.value())
                    .startsWith(wrong.substring(0, 5))
                    .doesNotContain("admin@");
                assertThat(problem.message()).contains("e.g. https://dataexport.example.com");
              });
    }
  }

  @Test
  void leaseSecondsOutOfRangeIsRefused() {
    InvalidConfigException refused = refusal(null, Map.of("DATAEXPORT_CLUSTER_LEASE_SECONDS", "1"));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("cluster.leaseSeconds");
              assertThat(problem.message()).contains("3", "300");
            });
  }

  @Test
  void dottedKeysReadLikeNestedOnes() throws IOException {
    Path file =
        yaml(
            """
            api.port: 9191
            store.url: jdbc:sqlite:/tmp/store.sqlite
            bus.properties.sasl.mechanism: PLAIN
            """);

    ServiceConfig config = load(file, Map.of(), Map.of());

    assertThat(config.api().port()).isEqualTo(9191);
    assertThat(config.store().url()).isEqualTo("jdbc:sqlite:/tmp/store.sqlite");
    assertThat(config.bus().properties().values()).containsEntry("sasl.mechanism", "PLAIN");
  }

  @Test
  void theEnvironmentWinsOverTheFile() throws IOException {
    Path file = yaml("api: {port: 9090, host: 10.0.0.1}\nnode: {id: from-file}\n");

    ServiceConfig config =
        load(
            file,
            Map.of("DATAEXPORT_API_PORT", "9292", "DATAEXPORT_NODE_ID", "from-env"),
            Map.of());

    assertThat(config.api()).isEqualTo(new ApiConfig("10.0.0.1", 9292));
    assertThat(config.node().id()).isEqualTo("from-env");
  }

  @Test
  void flagsWinOverTheEnvironmentAndTheFile() throws IOException {
    Path file = yaml("api: {port: 9090}\ndata: from-file\n");

    ServiceConfig config =
        load(
            file,
            Map.of("DATAEXPORT_API_PORT", "9292", "DATAEXPORT_DATA", "from-env"),
            Map.of(ConfigKeys.API_PORT, "9393", ConfigKeys.DATA, "from-flag"));

    assertThat(config.api().port()).isEqualTo(9393);
    assertThat(config.data()).isEqualTo(Path.of("from-flag"));
    assertThat(config.store().url())
        .as("the store's default follows the data directory")
        .isEqualTo("jdbc:sqlite:" + Path.of("from-flag", "config.sqlite"));
  }

  @Test
  void environmentVariablesNameKeysInUpperSnakeCase() {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("DATAEXPORT_STORE_URL", "store.url"),
            Map.entry("DATAEXPORT_STORE_ENCRYPTION_KEY", "store.encryptionKey"),
            Map.entry("DATAEXPORT_DATA", "data"),
            Map.entry("DATAEXPORT_NODE_ID", "node.id"),
            Map.entry("DATAEXPORT_BUS_BOOTSTRAP_SERVERS", "bus.bootstrapServers"),
            Map.entry("DATAEXPORT_BUS_REPLICATION_FACTOR", "bus.replicationFactor"),
            Map.entry("DATAEXPORT_BUS_PROPERTIES_SASL_MECHANISM", "bus.properties.sasl.mechanism"),
            Map.entry("DATAEXPORT_BLOBS_ACCESS_KEY", "blobs.accessKey"),
            Map.entry("DATAEXPORT_BLOBS_CONNECTION_STRING", "blobs.connectionString"),
            Map.entry("DATAEXPORT_KEYS_PRIMARY_ID", "keys.primaryId"),
            Map.entry("DATAEXPORT_API_PROT", "api.prot"));
    expected.forEach(
        (variable, key) -> assertThat(EnvironmentVariables.keyOf(variable)).contains(key));

    for (String other :
        List.of("DATAEXPORT_LOG_FORMAT", "DATAEXPORT_TOKEN", "DATAEXPORT_JAVA_OPTS", "PATH")) {
      assertThat(EnvironmentVariables.keyOf(other)).as(other).isEmpty();
    }
  }

  @Test
  void pluginSettingsFromTheEnvironmentReachTheirProviderInLowerCamelCase() {
    RecordingBlobStores s3 = new RecordingBlobStores("s3", List.of());

    ServiceConfig config =
        ServiceConfig.load(
            null,
            Map.of(
                "DATAEXPORT_BLOBS_TYPE", "s3",
                "DATAEXPORT_BLOBS_ACCESS_KEY", "AKIA-EXAMPLE",
                "DATAEXPORT_BLOBS_PATH_STYLE", "true",
                "DATAEXPORT_LOG_FORMAT", "json"),
            Map.of(),
            plugins(s3));

    assertThat(config.blobs().type()).isEqualTo("s3");
    assertThat(s3.checked)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("accessKey", "AKIA-EXAMPLE", "pathStyle", "true"));
  }

  @Test
  void everyProblemIsListedAndNoneShowsASecret() throws IOException {
    Path file =
        yaml(
            """
            api:
              port: eighty
            store:
              url: jdbc:mysql://db:3306/x?password=Url-Secret-7
              password: Store-Secret-1
              encryptionKey: Not-A-Key-Secret-2
            stor:
              password: Typo-Secret-3
            blobs:
              type: s4
            """);

    InvalidConfigException refused = refusal(file, Map.of());

    assertThat(refused.problems())
        .extracting(Problem::field)
        .containsExactly(
            "api.port", "store.url", "store.encryptionKey", "stor.password", "blobs.type");
    assertThat(refused.problems().get(0).toString())
        .contains("'eighty'", "whole number from 0 to 65535", "set by " + file);
    assertThat(refused.problems().get(1).value()).isEqualTo("jdbc:mysql://db:3306/x…");
    assertThat(refused.problems().get(2).value()).isNull();
    assertThat(refused.problems().get(2).message()).contains("openssl rand -base64 32");
    assertThat(refused.problems().get(3).message()).contains("Did you mean 'store.password'?");
    assertThat(refused.problems().get(4).message())
        .contains("not installed yet; installed: local, s3");
    assertThat(refused.getMessage())
        .startsWith("The configuration has 5 problems:")
        .doesNotContain("Url-Secret-7", "Store-Secret-1", "Not-A-Key-Secret-2", "Typo-Secret-3");
  }

  @Test
  void aBusThatIsNotInstalledIsRefusedNamingTheInstalledOnes() {
    InvalidConfigException refused =
        refusal(null, Map.of("DATAEXPORT_BUS_TYPE", "pulsar"), InstalledPlugins.onClassPath());

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("bus.type");
              assertThat(problem.value()).isEqualTo("pulsar");
              assertThat(problem.message())
                  .contains("installed: embedded, kafka", "DATAEXPORT_BUS_TYPE");
            });
  }

  @Test
  void openIdConnectSettingsAreReadAndEveryMistakeNamed() {
    ServiceConfig config =
        ServiceConfig.load(
            null,
            Map.of(
                "DATAEXPORT_API_AUTH_OIDC_ISSUER", "https://login.microsoftonline.com/t1/v2.0",
                "DATAEXPORT_API_AUTH_OIDC_AUDIENCE", "app-id",
                "DATAEXPORT_API_AUTH_OIDC_ROLE_MAPPING", "DataExport.Admin=admin, Reader=viewer",
                "DATAEXPORT_API_METRICS_PUBLIC", "true"),
            Map.of());
    assertThat(config.auth())
        .isEqualTo(
            new AuthConfig(
                Optional.of(
                    new AuthConfig.Oidc(
                        "https://login.microsoftonline.com/t1/v2.0",
                        "app-id",
                        "roles",
                        Map.of("DataExport.Admin", Role.ADMIN, "Reader", Role.VIEWER))),
                true));

    InvalidConfigException refused =
        refusal(
            null,
            Map.of(
                "DATAEXPORT_API_AUTH_OIDC_ISSUER", "login.microsoftonline.com",
                "DATAEXPORT_API_AUTH_OIDC_ROLE_MAPPING", "Admins=root",
                "DATAEXPORT_API_METRICS_PUBLIC", "yes"),
            InstalledPlugins.onClassPath());
    assertThat(refused.problems())
        .extracting(Problem::field)
        .containsExactly(
            "api.auth.oidc.roleMapping",
            "api.metrics.public",
            "api.auth.oidc.issuer",
            "api.auth.oidc.audience");
    assertThat(refused.problems().get(0).message()).contains("viewer, operator, admin");
  }

  @Test
  void theConsoleSignInAndSessionSettingsAreReadAndTheClientSecretNeverShown() {
    ServiceConfig config =
        ServiceConfig.load(
            null,
            Map.of(
                "DATAEXPORT_API_AUTH_OIDC_ISSUER", "https://login.microsoftonline.com/t1/v2.0",
                "DATAEXPORT_API_AUTH_OIDC_AUDIENCE", "app-id",
                "DATAEXPORT_API_AUTH_OIDC_CLIENT_ID", "console-id",
                "DATAEXPORT_API_AUTH_OIDC_CLIENT_SECRET", "very-secret-value",
                "DATAEXPORT_API_AUTH_OIDC_SCOPES", "profile, email openid",
                "DATAEXPORT_API_SESSION_HOURS", "12"),
            Map.of());

    AuthConfig.Login login = config.auth().oidc().orElseThrow().login().orElseThrow();
    assertThat(login.clientId()).isEqualTo("console-id");
    assertThat(login.clientSecret()).contains(Secret.of("very-secret-value"));
    assertThat(login.scopes()).isEqualTo("openid profile email");
    assertThat(config.auth().sessionLifetime()).isEqualTo(Duration.ofHours(12));
    assertThat(config.toString()).doesNotContain("very-secret-value");
    assertThat(ServiceConfig.embedded(Path.of("d"), "127.0.0.1", 0).auth().sessionLifetime())
        .isEqualTo(Duration.ofHours(8));

    InvalidConfigException refused =
        refusal(
            null,
            Map.of(
                "DATAEXPORT_API_AUTH_OIDC_CLIENT_SECRET", "very-secret-value",
                "DATAEXPORT_API_SESSION_HOURS", "0"),
            InstalledPlugins.onClassPath());
    assertThat(refused.problems())
        .extracting(Problem::field)
        .contains("api.auth.oidc.clientId", "api.session.hours");
    assertThat(refused.getMessage()).doesNotContain("very-secret-value");
  }

  @Test
  void wrongTypesAndRangesNameTheKeyTheValueAndTheVariable() {
    InvalidConfigException refused =
        refusal(
            null,
            Map.of(
                "DATAEXPORT_API_PORT", "70000",
                "DATAEXPORT_BUS_PARTITIONS", "0",
                "DATAEXPORT_BUS_TOPIC_PREFIX", "no spaces",
                "DATAEXPORT_NODE_ID", "-bad",
                "DATAEXPORT_API_PROT", "8081"),
            InstalledPlugins.onClassPath());

    assertThat(refused.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "api.port = '70000': must be a whole number from 0 to 65535; leave it out for 8080."
                + " (set by DATAEXPORT_API_PORT)",
            "node.id = '-bad': must be 1 to 100 letters, digits, '.', '_' or '-', beginning with a"
                + " letter or digit; leave it out for the host name and process id. (set by"
                + " DATAEXPORT_NODE_ID)",
            "bus.topicPrefix = 'no spaces': must be 1 to 100 letters, digits, '.', '_' or '-'"
                + " (Kafka's topic name characters). (set by DATAEXPORT_BUS_TOPIC_PREFIX)",
            "bus.partitions = '0': must be a whole number from 1 to 10000; leave it out for 12."
                + " (set by DATAEXPORT_BUS_PARTITIONS)",
            refused.problems().get(4).toString());
    assertThat(refused.problems().get(4).toString())
        .startsWith("api.prot: is not a configuration key (set by DATAEXPORT_API_PROT).")
        .contains("Did you mean 'api.port'?");
  }

  @Test
  void providerChecksAreDelegatedAndTheirSecretsDropped() {
    RecordingBlobStores s3 =
        new RecordingBlobStores(
            "s3",
            List.of(
                new Problem("blobs.bucket", null, "is required."),
                new Problem("blobs.secretKey", "Leaked-Secret-4", "is too short.")));

    InvalidConfigException refused =
        refusal(
            null,
            Map.of(
                "DATAEXPORT_BLOBS_TYPE", "s3",
                "DATAEXPORT_BLOBS_SECRET_KEY", "Leaked-Secret-4"),
            plugins(s3));

    assertThat(refused.problems())
        .containsExactly(
            new Problem("blobs.bucket", null, "is required."),
            new Problem("blobs.secretKey", null, "is too short."));
  }

  @Test
  void theKafkaBusIsInstalledAndGetsItsSettingsWithTheClientPropertiesPrefixed() {
    ServiceConfig config =
        ServiceConfig.load(
            null,
            Map.of(
                "DATAEXPORT_BUS_TYPE", "kafka",
                "DATAEXPORT_BUS_BOOTSTRAP_SERVERS", "kafka-1:9092",
                "DATAEXPORT_BUS_PARTITIONS", "6",
                "DATAEXPORT_BUS_PROPERTIES_SASL_JAAS_CONFIG", "Jaas-Secret-7"),
            Map.of(),
            InstalledPlugins.onClassPath());

    assertThat(config.bus().settings())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrapServers", "kafka-1:9092",
                "topicPrefix", "dataexport",
                "partitions", "6",
                "replicationFactor", "1",
                "properties.sasl.jaas.config", "Jaas-Secret-7"));
    assertThat(config.bus().toString()).doesNotContain("Jaas-Secret-7");
  }

  @Test
  void aKafkaBusWithoutBrokersIsOneProblem() {
    InvalidConfigException refused =
        refusal(null, Map.of("DATAEXPORT_BUS_TYPE", "kafka"), InstalledPlugins.onClassPath());

    assertThat(refused.problems())
        .extracting(Problem::field)
        .containsExactly("bus.bootstrapServers");
  }

  @Test
  void theLocalBlobStoreAndKeysRefuseSettingsTheyDoNotTake() {
    InvalidConfigException refused =
        refusal(
            null,
            Map.of("DATAEXPORT_BLOBS_DIRECTORY", "/x", "DATAEXPORT_KEYS_PRIMARY_ID", "k1"),
            InstalledPlugins.onClassPath());

    assertThat(refused.problems())
        .extracting(Problem::field)
        .containsExactly("blobs.directory", "keys.primaryId");
  }

  @Test
  void aBrokenFileNamesLineAndColumnButNotTheLine() throws IOException {
    Path file = yaml("store:\n  url: jdbc:sqlite:x\n  password: \"Broken-Secret-5\n");

    InvalidConfigException refused = refusal(file, Map.of());

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("--config");
              assertThat(problem.message())
                  .contains("is not valid YAML", "quoted scalar at line 3, column 13");
            });
    assertThat(refused.getMessage()).doesNotContain("Broken-Secret-5");
  }

  @Test
  void aMissingFileAListAndAKeyGivenTwiceAreProblems() throws IOException {
    assertThatThrownBy(() -> load(directory.resolve("nowhere.yaml"), Map.of(), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("nowhere.yaml': does not exist.");

    Path file =
        yaml(
            "bus:\n  bootstrapServers: [a:1, b:2]\nstore.url: jdbc:sqlite:a\nstore: {url: jdbc:sqlite:b}\n");
    InvalidConfigException refused = refusal(file, Map.of());
    assertThat(refused.problems())
        .extracting(Problem::field)
        .containsExactly("bus.bootstrapServers", "store.url");
  }

  @Test
  void printingAConfigurationShowsNoSecret() {
    ServiceConfig config =
        load(
            null,
            Map.of(
                "DATAEXPORT_STORE_URL", "jdbc:postgresql://db/x?password=Url-Secret-6",
                "DATAEXPORT_STORE_PASSWORD", "Store-Secret-7",
                "DATAEXPORT_STORE_ENCRYPTION_KEY", KEY,
                "DATAEXPORT_BUS_TYPE", "kafka",
                "DATAEXPORT_BUS_BOOTSTRAP_SERVERS", "kafka-1:9092",
                "DATAEXPORT_BUS_PROPERTIES_SASL_JAAS_CONFIG", "password=\"Jaas-Secret-8\"",
                "DATAEXPORT_BLOBS_TYPE", "s3",
                "DATAEXPORT_BLOBS_SECRET_KEY", "Blob-Secret-9"),
            Map.of());

    assertThat(config.toString())
        .contains("sasl.jaas.config=****", "secretKey=****")
        .doesNotContain("Url-Secret-6", "Store-Secret-7", KEY, "Jaas-Secret-8", "Blob-Secret-9");
  }

  private Path yaml(String text) throws IOException {
    Path file = Files.createTempFile(directory, "config", ".yaml");
    Files.writeString(file, text);
    return file;
  }

  /** Loads with the class path's plugins plus blob store types s3 that accept any settings. */
  private static ServiceConfig load(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    return ServiceConfig.load(
        file, environment, overrides, plugins(new RecordingBlobStores("s3", List.of())));
  }

  /** The refusal {@link #load} gives for this file and environment, with no flags. */
  private static InvalidConfigException refusal(Path file, Map<String, String> environment) {
    return refusal(file, environment, plugins(new RecordingBlobStores("s3", List.of())));
  }

  /** The refusal loading this file and environment, with no flags, gives with these plugins. */
  private static InvalidConfigException refusal(
      Path file, Map<String, String> environment, InstalledPlugins installed) {
    return catchThrowableOfType(
        InvalidConfigException.class,
        () -> ServiceConfig.load(file, environment, Map.of(), installed));
  }

  private static InstalledPlugins plugins(RecordingBlobStores blobStores) {
    return new InstalledPlugins(
        Map.of("embedded", new EmbeddedBusProvider(), "kafka", new KafkaBusProvider()),
        Map.of(blobStores.type(), blobStores, "local", new LocalBlobStoreProvider()),
        Map.of(
            "configured",
            new AcceptingKeyProviders("configured"),
            "local",
            new LocalKeyProviderFactory()));
  }
}
