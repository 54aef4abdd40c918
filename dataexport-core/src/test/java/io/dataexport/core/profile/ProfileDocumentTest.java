package io.dataexport.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.ExportProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProfileDocument documents =
      new ProfileDocument(Path.of("/var/lib/dataexport"), SqlDestinations.installed());

  @Test
  void aMinimalDocumentGetsTheDefaults() throws Exception {
    ExportProfile profile =
        documents.parse(
            json(
                """
                {"name": "Sales", "entities": ["account", "contact"],
                 "source": {"url": "https://org.crm.dynamics.com",
                   "auth": {"tokenUrl": "https://login.example/t/oauth2/v2.0/token", "clientId": "app", "clientSecret": "s3cret"}}}
                """));

    assertThat(profile.destination().type()).isEqualTo("sqlite");
    assertThat(profile.destination().jdbcUrl())
        .isEqualTo("jdbc:sqlite:/var/lib/dataexport/sales.sqlite");
    assertThat(profile.source().auth().scope()).isEqualTo("https://org.crm.dynamics.com/.default");
    assertThat(profile.retryCount()).isEqualTo(12);
    assertThat(profile.retryIntervalSeconds()).isEqualTo(5);
    assertThat(profile.writeDeleteLog()).isFalse();
    assertThat(profile.toString()).doesNotContain("s3cret");
  }

  @Test
  void everyProblemIsReportedAtOnceWithFieldValueAndRemedy() throws Exception {
    JsonNode document =
        json(
            """
            {"name": "", "entites": ["account"], "entities": ["Account", "lead", "lead"],
             "source": {"type": "salesforce", "url": "ftp://nowhere", "auth": {"clientId": "app"}},
             "destination": {"type": "postgresql", "tablePrefix": "way_too_long_prefix!", "schema": "my schema"},
             "retryCount": 99, "retryIntervalSeconds": -1, "writeDeleteLog": "yes"}
            """);

    assertThatThrownBy(() -> documents.parse(document))
        .isInstanceOfSatisfying(
            ProfileValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::field)
                    .containsExactlyInAnyOrder(
                        "entites",
                        "name",
                        "source.type",
                        "source.url",
                        "source.auth.tokenUrl",
                        "source.auth.clientSecret",
                        "destination.jdbcUrl",
                        "destination.schema",
                        "destination.tablePrefix",
                        "entities[0]",
                        "entities[2]",
                        "retryCount",
                        "retryIntervalSeconds",
                        "writeDeleteLog"));
    assertThatThrownBy(() -> documents.parse(document))
        .hasMessageContaining("Did you mean 'entities'?")
        .hasMessageContaining("retryCount = '99': must be a whole number from 0 to 20");
  }

  @Test
  void anUnknownTypeIsAnsweredWithTheInstalledOnes() throws Exception {
    JsonNode document = withDestination("{\"type\": \"Oracle\"}");

    assertThatThrownBy(() -> documents.parse(document))
        .isInstanceOfSatisfying(
            ProfileValidationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .hasToString(
                        "destination.type = 'oracle': is not installed in this service: use one of"
                            + " mysql, postgresql, sqlite, sqlserver (default sqlite)."));
  }

  @Test
  void aDestinationWithoutUrlIsToldItsTypesExample() throws Exception {
    JsonNode document = withDestination("{\"type\": \"sqlserver\"}");

    assertThatThrownBy(() -> documents.parse(document))
        .hasMessageContaining("destination.jdbcUrl")
        .hasMessageContaining("jdbc:sqlserver://db:1433;databaseName=crm");
  }

  @Test
  void typesDefaultsExamplesAndRulesComeFromTheInstalledProviders() throws Exception {
    ProfileDocument withTwoTypes =
        new ProfileDocument(
            Path.of("/data"),
            List.of(new TestProvider("beta", false), new TestProvider("alpha", true)));

    ExportProfile defaulted = withTwoTypes.parse(withDestination(null));
    assertThat(defaulted.destination())
        .isEqualTo(new DestinationConfig("alpha", "jdbc:alpha:/data/p", null, null, null, null));
    assertThatThrownBy(() -> withTwoTypes.parse(withDestination("{\"type\": \"sqlite\"}")))
        .hasMessageContaining("use one of alpha, beta (default alpha).");
    assertThatThrownBy(() -> withTwoTypes.parse(withDestination("{\"type\": \"beta\"}")))
        .hasMessageContaining("destination.jdbcUrl: beta needs one, e.g. jdbc:beta://example");
    assertThat(
            withTwoTypes
                .parse(withDestination("{\"type\": \"beta\", \"jdbcUrl\": \"jdbc:beta://b\"}"))
                .destination()
                .jdbcUrl())
        .isEqualTo("jdbc:beta://b");
  }

  @Test
  void withoutATypeThatNeedsNoSettingsTheTypeIsRequired() throws Exception {
    ProfileDocument noDefault =
        new ProfileDocument(Path.of("/data"), List.of(new TestProvider("beta", false)));

    assertThatThrownBy(() -> noDefault.parse(withDestination(null)))
        .hasMessageContaining("destination.type: is required: use one of beta.");
  }

  @Test
  void aStoredDocumentIsReadEvenWhenItsDestinationNoLongerPassesTheRules() throws Exception {
    JsonNode stored =
        withDestination(
            "{\"type\": \"sqlite\", \"jdbcUrl\": \"jdbc:sqlite:x\", \"schema\": \"dbo\"}");

    assertThatThrownBy(() -> documents.parse(stored)).hasMessageContaining("destination.schema");
    assertThat(documents.parseStored(stored).destination().schema()).isEqualTo("dbo");
  }

  @Test
  void renderingLeavesSecretsOutAndUpdatesKeepThem() throws Exception {
    ExportProfile profile =
        documents.parse(
            json(
                """
                {"name": "p", "entities": ["account"],
                 "source": {"url": "http://127.0.0.1:8090",
                   "auth": {"tokenUrl": "http://127.0.0.1:8090/t/oauth2/v2.0/token", "clientId": "c", "clientSecret": "hidden"}},
                 "destination": {"type": "postgresql", "jdbcUrl": "jdbc:postgresql://db/crm", "password": "pw"}}
                """));

    String rendered = ProfileDocument.render(profile).toString();
    assertThat(rendered).doesNotContain("hidden").doesNotContain("\"pw\"");

    var update = ProfileDocument.render(profile);
    ProfileDocument.keepSecrets(update, ProfileDocument.storable(profile));
    ExportProfile again = documents.parse(update);
    assertThat(again.source().auth().clientSecret().reveal()).isEqualTo("hidden");
    assertThat(again.destination().password().reveal()).isEqualTo("pw");
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  /** A valid document named "p", with this destination object (or none). */
  private static JsonNode withDestination(String destination) throws Exception {
    return json(
        """
        {"name": "p", "entities": ["account"],
         "source": {"url": "https://org.crm.dynamics.com",
           "auth": {"tokenUrl": "https://login.example/t", "clientId": "c", "clientSecret": "s"}}
        """
            + (destination == null ? "" : ", \"destination\": " + destination)
            + "}");
  }

  /** A destination type that needs only a URL; with {@code defaults}, not even that. */
  private record TestProvider(String type, boolean defaults) implements DestinationProvider {
    @Override
    public Optional<DestinationConfig> defaultConfig(String profileName, Path dataDirectory) {
      return defaults
          ? Optional.of(config("jdbc:" + type + ":" + dataDirectory.resolve(profileName)))
          : Optional.empty();
    }

    @Override
    public DestinationConfig example() {
      return config("jdbc:" + type + "://example");
    }

    @Override
    public List<Problem> check(DestinationConfig config) {
      return config.jdbcUrl() == null
          ? List.of(
              new Problem(
                  "destination.jdbcUrl", null, type + " needs one, e.g. " + example().jdbcUrl()))
          : List.of();
    }

    @Override
    public Destination open(DestinationConfig config) {
      throw new UnsupportedOperationException("parsing opens nothing");
    }

    private DestinationConfig config(String url) {
      return new DestinationConfig(type, url, null, null, null, null);
    }
  }
}
