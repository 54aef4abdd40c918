package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.Secret;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** validate() reports each problem with the profile field it concerns, and never throws. */
class ValidateTest {
  private static final List<String> ALL_GOOD_ENTITIES = List.of("account", "lead", "accountleads");
  private static final List<String> ALL_GOOD_RELATIONSHIPS = List.of("accountleads_association");

  private static DataverseEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(5));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void aWorkingConfigurationHasNoProblems() {
    assertThat(
            validate(EmulatorSources.config(emulator), ALL_GOOD_ENTITIES, ALL_GOOD_RELATIONSHIPS))
        .isEmpty();
  }

  @Test
  void aWrongSecretIsReportedOnTheSecretFieldWithoutRevealingIt() {
    List<Problem> problems =
        validate(
            EmulatorSources.config(emulator, "not-the-secret-42"),
            ALL_GOOD_ENTITIES,
            ALL_GOOD_RELATIONSHIPS);

    assertThat(problems).hasSize(1);
    Problem problem = problems.getFirst();
    assertThat(problem.field()).isEqualTo("source.auth.clientSecret");
    assertThat(problem.value()).isNull();
    assertThat(problem.message())
        .contains("secret")
        .contains("source.auth.clientSecret")
        .doesNotContain("not-the-secret-42");
  }

  @Test
  void anUnknownClientIdIsReportedOnTheClientIdField() {
    SourceConfig config =
        withAuth("someone-else", "emulator-secret", emulator.tokenUrl().toString());

    List<Problem> problems = validate(config, ALL_GOOD_ENTITIES, List.of());

    assertThat(problems).extracting(Problem::field).containsExactly("source.auth.clientId");
    assertThat(problems.getFirst().value()).isEqualTo("someone-else");
  }

  @Test
  void aTokenUrlThatIsNoTokenEndpointIsReportedOnTheTokenUrlField() {
    SourceConfig config =
        withAuth("emulator", "emulator-secret", emulator.baseUrl() + "not/a/token/endpoint");

    List<Problem> problems = validate(config, ALL_GOOD_ENTITIES, List.of());

    assertThat(problems).extracting(Problem::field).containsExactly("source.auth.tokenUrl");
  }

  @Test
  void anOrganisationThatCannotBeReachedIsReportedOnTheUrlField() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    SourceConfig config =
        new SourceConfig(
            "dataverse",
            url,
            new SourceAuth(
                emulator.tokenUrl().toString(), "emulator", Secret.of("emulator-secret"), null));

    List<Problem> problems = validate(config, ALL_GOOD_ENTITIES, List.of());

    assertThat(problems).hasSize(1);
    assertThat(problems.getFirst().field()).isEqualTo("source.url");
    assertThat(problems.getFirst().message())
        .startsWith("Cannot reach " + url + ": ")
        .endsWith("Check source.url and that the organisation is online.");
  }

  @Test
  void entitiesAndRelationshipsAreCheckedOneByOne() {
    List<Problem> problems =
        validate(
            EmulatorSources.config(emulator),
            List.of("account", "cr_nosuchthing", "businessunit"),
            List.of("accountleads_association", "nosuch_association"));

    assertThat(problems)
        .extracting(Problem::field)
        .containsExactly("entities[1]", "entities[2]", "relationships[0]", "relationships[1]");
    assertThat(problems.get(0).value()).isEqualTo("cr_nosuchthing");
    assertThat(problems.get(0).message()).contains("does not exist");
    assertThat(problems.get(1).value()).isEqualTo("businessunit");
    assertThat(problems.get(1).message()).contains("Enable change tracking for the entity");
    assertThat(problems.get(2).message()).contains("add 'lead' to entities");
    assertThat(problems.get(3).value()).isEqualTo("nosuch_association");
    assertThat(problems.get(3).message()).contains("No N:N relationship named");
  }

  @Test
  void anIncompleteConfigurationReportsEveryMissingPieceAtOnce() {
    SourceConfig config =
        new SourceConfig("dataverse", "not a url", new SourceAuth(" ", "", null, null));

    List<Problem> problems = validate(config, ALL_GOOD_ENTITIES, List.of());

    assertThat(problems)
        .extracting(Problem::field)
        .containsExactly(
            "source.url",
            "source.auth.tokenUrl",
            "source.auth.clientId",
            "source.auth.clientSecret");
  }

  private static SourceConfig withAuth(String clientId, String secret, String tokenUrl) {
    return new SourceConfig(
        "dataverse",
        emulator.baseUrl().toString(),
        new SourceAuth(tokenUrl, clientId, Secret.of(secret), null));
  }

  private static List<Problem> validate(
      SourceConfig config, List<String> entities, List<String> relationships) {
    try (DataverseChangeSource source =
        DataverseChangeSource.open(config, DataverseSettings.defaults())) {
      return source.validate(entities, relationships);
    }
  }
}
