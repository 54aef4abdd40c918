package io.dataexport.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A destination setting gets the same answer when a profile is created (its document parsed) and
 * when it is validated (the destination's own {@code validate}), for every installed SQL dialect.
 */
class DestinationRulesAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Per type a URL that fails fast if validation gets as far as connecting. */
  private static final Map<String, String> UNREACHABLE =
      Map.of(
          "postgresql", "jdbc:postgresql://127.0.0.1:1/crm",
          "mysql", "jdbc:mysql://127.0.0.1:1/crm",
          "sqlserver", "jdbc:sqlserver://127.0.0.1:1;databaseName=crm");

  @TempDir Path data;

  static Stream<String> types() {
    List<String> types =
        SqlDestinations.installed().stream().map(DestinationProvider::type).sorted().toList();
    assertThat(types).isNotEmpty();
    return types.stream();
  }

  @ParameterizedTest
  @MethodSource("types")
  void aSchemaWithAnUnderscoreGetsTheSameAnswerAtCreateAndAtValidate(String type) throws Exception {
    assertSameAnswer(type, "schema", "crm_export");
  }

  @ParameterizedTest
  @MethodSource("types")
  void aTablePrefixWithAnUnderscoreGetsTheSameAnswerAtCreateAndAtValidate(String type)
      throws Exception {
    assertSameAnswer(type, "tablePrefix", "crm_x");
  }

  private void assertSameAnswer(String type, String setting, String value) throws Exception {
    String field = "destination." + setting;
    ObjectNode document = document(type);
    ((ObjectNode) document.path("destination")).put(setting, value);

    List<Problem> atCreate;
    DestinationConfig config;
    try {
      config = new ProfileDocument(data, SqlDestinations.installed()).parse(document).destination();
      atCreate = List.of();
    } catch (ProfileValidationException e) {
      atCreate = e.problems();
      config = configOf(type, setting, value);
    }
    List<Problem> atValidate;
    try (Destination destination = provider(type).open(config)) {
      atValidate = destination.validate();
    }

    assertThat(fields(atValidate, field))
        .as(
            "%s = '%s' for %s: at create %s, at validate %s",
            field, value, type, atCreate, atValidate)
        .isEqualTo(fields(atCreate, field));
  }

  private ObjectNode document(String type) throws Exception {
    ObjectNode document =
        (ObjectNode)
            JSON.readTree(
                """
                {"name": "agreement", "entities": ["account"],
                 "source": {"url": "https://org.crm.dynamics.com",
                   "auth": {"tokenUrl": "https://login.example/t/oauth2/v2.0/token",
                            "clientId": "app", "clientSecret": "s3cret"}}}
                """);
    ObjectNode destination = document.putObject("destination");
    destination.put("type", type);
    destination.put("jdbcUrl", url(type));
    return document;
  }

  private DestinationConfig configOf(String type, String setting, String value) {
    return new DestinationConfig(
        type,
        url(type),
        null,
        null,
        setting.equals("schema") ? value : null,
        setting.equals("tablePrefix") ? value : null);
  }

  private String url(String type) {
    return UNREACHABLE.getOrDefault(
        type, "jdbc:" + type + ":" + data.resolve("agreement." + type).toAbsolutePath());
  }

  private static List<String> fields(List<Problem> problems, String field) {
    return problems.stream().map(Problem::field).filter(field::equals).distinct().toList();
  }

  private static DestinationProvider provider(String type) {
    return SqlDestinations.installed().stream()
        .filter(p -> p.type().equals(type))
        .findFirst()
        .orElseThrow();
  }
}
