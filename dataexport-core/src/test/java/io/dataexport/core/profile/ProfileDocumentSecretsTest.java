package io.dataexport.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProfileDocumentSecretsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProfileDocument documents =
      new ProfileDocument(Path.of("/var/lib/dataexport"), SqlDestinations.installed());

  @Test
  void aSecretOfTheWrongTypeIsReportedWithoutRepeatingIt() throws Exception {
    var document =
        JSON.readTree(
            """
            {"name": "Sales", "entities": ["account"],
             "source": {"url": "https://org.crm.dynamics.com",
               "auth": {"tokenUrl": "https://login.example/t", "clientId": "app", "clientSecret": 918273645}},
             "destination": {"password": {"value": "hunter2"}}}
            """);

    assertThatThrownBy(() -> documents.parse(document))
        .isInstanceOfSatisfying(
            ProfileValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::field, Problem::value)
                    .containsExactlyInAnyOrder(
                        tuple("source.auth.clientSecret", null),
                        tuple("destination.password", null)))
        .hasMessageNotContaining("918273645")
        .hasMessageNotContaining("hunter2");
  }
}
