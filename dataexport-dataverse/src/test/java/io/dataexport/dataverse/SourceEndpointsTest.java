package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.profile.Secret;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The organisation URL is understood in every form users paste it. */
class SourceEndpointsTest {
  private static final String TOKEN_URL =
      "https://login.microsoftonline.com/tenant/oauth2/v2.0/token";

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://org.crm.dynamics.com",
        "https://org.crm.dynamics.com/",
        "https://org.crm.dynamics.com/api/data/v9.2",
        "https://org.crm.dynamics.com/api/data/v9.2/",
        "https://org.crm.dynamics.com/API/Data/v9.1/",
        " https://org.crm.dynamics.com// "
      })
  void theWebApiRootIsFoundUnderAnyFormOfTheOrganisationUrl(String url) {
    SourceEndpoints endpoints = resolve(url, null).endpoints();

    assertThat(endpoints.organisation()).isEqualTo(URI.create("https://org.crm.dynamics.com"));
    assertThat(endpoints.webApiRoot())
        .isEqualTo(URI.create("https://org.crm.dynamics.com/api/data/v9.2/"));
  }

  @Test
  void theScopeDefaultsToTheOrganisationsDefaultScope() {
    assertThat(resolve("http://127.0.0.1:8090/", null).endpoints().credentials().scope())
        .isEqualTo("http://127.0.0.1:8090/.default");
    assertThat(
            resolve("http://127.0.0.1:8090/", "api://x/.default").endpoints().credentials().scope())
        .isEqualTo("api://x/.default");
  }

  @Test
  void theSecretDoesNotPrint() {
    assertThat(resolve("https://org.crm.dynamics.com", null).endpoints().toString())
        .doesNotContain("s3cret")
        .contains("****");
  }

  private static SourceEndpoints.Resolution resolve(String url, String scope) {
    return SourceEndpoints.resolve(
        new SourceConfig(
            "dataverse", url, new SourceAuth(TOKEN_URL, "app", Secret.of("s3cret"), scope)));
  }
}
