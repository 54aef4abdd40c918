package io.dataexport.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.storage.blob.models.BlobStorageException;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.LocalKeyProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How the Azure store reports what goes wrong: against Azurite for what a real service answers
 * (signatures checked, a container deleted under the store) and a closed port for an unreachable
 * service; the answers Azurite cannot be made to give (server errors, throttling) through the
 * mapping itself.
 */
class AzureFailureMappingTest {
  private static AzuriteServer server;

  @TempDir Path data;

  @BeforeAll
  static void startServer() {
    server = AzuriteServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private BlobStore open(Map<String, String> settings) {
    return new AzureBlobStoreProvider().open(settings, LocalKeyProvider.open(data), data);
  }

  private static Map<String, String> byAccountKey(String endpoint, String key) {
    Map<String, String> settings = new HashMap<>();
    settings.put("endpoint", endpoint);
    settings.put("accountName", AzuriteServer.ACCOUNT_NAME);
    settings.put("accountKey", key);
    settings.put("container", "failures");
    return settings;
  }

  @Test
  void signaturesAreCheckedSoAWrongAccountKeyIsAConfigurationErrorSayingWhatToFix() {
    String wrongKey =
        Base64.getEncoder()
            .encodeToString("not the key of this account".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> open(byAccountKey(server.endpoint().toString(), wrongKey)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("blobs.accountKey")
        .hasMessageNotContaining(wrongKey)
        .hasMessageNotContaining(AzuriteServer.ACCOUNT_KEY);
  }

  @Test
  void aWrongKeyInTheConnectionStringNamesTheConnectionStringWithoutShowingIt() {
    String wrong =
        server
            .connectionString()
            .replace(AzuriteServer.ACCOUNT_KEY, Base64.getEncoder().encodeToString(new byte[64]));

    assertThatThrownBy(() -> open(Map.of("connectionString", wrong, "container", "failures")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("blobs.connectionString")
        .hasMessageNotContaining("AccountKey=");
  }

  @Test
  void aContainerDeletedWhileTheStoreIsOpenIsAConfigurationErrorOnTheNextWrite() {
    BlobStore store = open(server.settings("short-lived"));
    server.client().getBlobContainerClient("short-lived").delete();

    assertThatThrownBy(() -> store.put("p1/parked/a", "a".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("short-lived/p1/parked/a.blob")
        .hasMessageContaining("blobs.container");
  }

  @Test
  void aServiceThatCannotBeReachedIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort + "/" + AzuriteServer.ACCOUNT_NAME;

    assertThatThrownBy(() -> open(byAccountKey(endpoint, AzuriteServer.ACCOUNT_KEY)))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining(endpoint)
        .hasMessageContaining("cannot be reached");
  }

  @Test
  void serverErrorsAndThrottlingAreRetriableAndNotAConfigurationProblem() {
    AzureFailures failures = failures();

    for (var answer :
        Map.of(500, "InternalError", 503, "ServerBusy", 409, "ContainerBeingDeleted").entrySet()) {
      assertThat(failures.map("write x", answer(answer.getKey(), answer.getValue())))
          .as("%s %s", answer.getKey(), answer.getValue())
          .isInstanceOf(RetriableException.class)
          .isNotInstanceOf(UnavailableException.class)
          .hasMessageContaining("write x");
    }
  }

  @Test
  void missingPermissionsAreAConfigurationProblemAndBugsAreNotDressedAsRetriable() {
    AzureFailures failures = failures();

    assertThat(failures.map("read x", answer(403, "AuthorizationPermissionMismatch")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("rights");
    IllegalArgumentException bug = new IllegalArgumentException("a bug");
    assertThat(failures.map("read x", bug)).isSameAs(bug);
  }

  private static AzureFailures failures() {
    return new AzureFailures(
        AzureSettings.read(
            new BlobSettings("azure", server.settings("failures"), AzureSettings.KEYS)));
  }

  private static BlobStorageException answer(int status, String code) {
    return new BlobStorageException(code, new Answer(status, code), null);
  }

  /** A service answer with a status and an error code, as the SDK receives it. */
  private static final class Answer extends HttpResponse {
    private final int status;
    private final HttpHeaders headers;

    Answer(int status, String code) {
      super(new HttpRequest(HttpMethod.PUT, "http://127.0.0.1/devstoreaccount1/c/x"));
      this.status = status;
      this.headers = new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"), code);
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.empty();
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(new byte[0]);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return Mono.just("");
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.just("");
    }
  }
}
