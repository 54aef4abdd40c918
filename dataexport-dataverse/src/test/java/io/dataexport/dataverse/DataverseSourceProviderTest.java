package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.profile.Secret;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.source.ChangeSourceProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider is found by type and opens sources without contacting them. */
class DataverseSourceProviderTest {

  @Test
  void theServiceLoaderFindsTheDataverseProvider() {
    assertThat(ServiceLoader.load(ChangeSourceProvider.class).stream())
        .extracting(p -> p.get().type())
        .contains("dataverse");
  }

  @Test
  void openingContactsNothing() {
    SourceConfig unreachable =
        new SourceConfig(
            "dataverse",
            "https://org.invalid",
            new SourceAuth(
                "https://login.invalid/t/oauth2/v2.0/token", "app", Secret.of("s"), null));

    try (ChangeSource source = new DataverseSourceProvider().open(unreachable)) {
      assertThat(source).isNotNull();
    }
  }

  @Test
  void anIncompleteConfigurationRefusesUseWithTheProblems() {
    try (ChangeSource source =
        new DataverseSourceProvider().open(new SourceConfig("dataverse", null, null))) {
      assertThatThrownBy(() -> source.describe("account"))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("source.url")
          .hasMessageContaining("source.auth");
    }
  }
}
