package io.dataexport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The destination types as {@link ServiceLoader} finds them: one provider each, and its rules. */
class DestinationProvidersTest {

  static Stream<DestinationProvider> providers() {
    return ServiceLoader.load(DestinationProvider.class).stream().map(ServiceLoader.Provider::get);
  }

  @Test
  void eachDialectIsOneProviderFoundByServiceLoader() {
    assertThat(providers().map(DestinationProvider::type))
        .containsExactlyInAnyOrder("mysql", "postgresql", "sqlite", "sqlserver");
    assertThat(providers()).allMatch(p -> p instanceof JdbcDestinationProvider);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void theExampleIsOfItsTypeCarriesNoPasswordAndPassesItsOwnCheck(DestinationProvider provider) {
    DestinationConfig example = provider.example();

    assertThat(example.type()).isEqualTo(provider.type());
    assertThat(example.jdbcUrl()).startsWith("jdbc:");
    assertThat(example.password()).isNull();
    assertThat(provider.check(example)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aDefaultConfigurationWhereThereIsOnePassesItsOwnCheck(DestinationProvider provider) {
    provider
        .defaultConfig("Sales EU", Path.of("/var/lib/dataexport"))
        .ifPresentOrElse(
            defaults -> {
              assertThat(defaults.type()).isEqualTo(provider.type());
              assertThat(provider.check(defaults)).isEmpty();
            },
            () -> assertThat(provider.check(withUrl(provider.example(), null))).isNotEmpty());
  }

  @Test
  void onlySqliteWorksWithoutSettingsInAFileNamedAfterTheProfile() {
    assertThat(providers().filter(p -> p.defaultConfig("x", Path.of("d")).isPresent()))
        .extracting(DestinationProvider::type)
        .containsExactly("sqlite");
    DestinationProvider sqlite = provider("sqlite");

    assertThat(sqlite.defaultConfig("Sales EU", Path.of("/var/lib/dataexport")).orElseThrow())
        .isEqualTo(
            new DestinationConfig(
                "sqlite",
                "jdbc:sqlite:/var/lib/dataexport/sales-eu.sqlite",
                null,
                null,
                null,
                null));
  }

  @Test
  void aSchemaWithAnUnderscoreIsRefusedOnlyWhereTheDatabaseHasNoSchemas() {
    for (DestinationProvider provider : providers().toList()) {
      DestinationConfig config = withSchema(provider.example(), "crm_export");

      List<String> fields = provider.check(config).stream().map(Problem::field).toList();

      if (provider.type().equals("sqlite")) {
        assertThat(fields).as(provider.type()).containsExactly("destination.schema");
      } else {
        assertThat(fields).as(provider.type()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aMissingUrlIsReportedWithTheTypesExample(DestinationProvider provider) {
    List<Problem> problems = provider.check(withUrl(provider.example(), null));

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("destination.jdbcUrl");
              assertThat(p.message()).contains(provider.example().jdbcUrl());
            });
  }

  @ParameterizedTest
  @MethodSource("providers")
  void checkNamesEveryBadSettingAndNeverThePassword(DestinationProvider provider) {
    DestinationConfig example = provider.example();
    DestinationConfig bad =
        new DestinationConfig(
            example.type(),
            "jdbc:nowhere://db/x?password=hunter2",
            "u",
            Secret.of("hunter2"),
            "no schema!",
            "prefix_too_long_and_bad");

    List<Problem> problems = provider.check(bad);

    assertThat(problems)
        .extracting(Problem::field)
        .contains("destination.jdbcUrl", "destination.schema", "destination.tablePrefix");
    assertThat(problems.toString()).doesNotContain("hunter2");
  }

  @Test
  void aProviderRefusesToOpenAnotherType() {
    JdbcDestinationProvider sqlite = (JdbcDestinationProvider) provider("sqlite");

    assertThatThrownBy(() -> sqlite.open(provider("postgresql").example()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'postgresql'")
        .hasMessageContaining("'sqlite'");
  }

  private static DestinationProvider provider(String type) {
    return providers().filter(p -> p.type().equals(type)).findFirst().orElseThrow();
  }

  private static DestinationConfig withUrl(DestinationConfig c, String url) {
    return new DestinationConfig(
        c.type(), url, c.username(), c.password(), c.schema(), c.tablePrefix());
  }

  private static DestinationConfig withSchema(DestinationConfig c, String schema) {
    return new DestinationConfig(
        c.type(), c.jdbcUrl(), c.username(), c.password(), schema, c.tablePrefix());
  }
}
