package io.dataexport.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.LocalKeyProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How the S3 store reports what goes wrong: against S3Proxy for what a real server answers
 * (signatures checked, unknown key, missing bucket) and a closed port for an unreachable service;
 * the answers S3Proxy cannot be made to give (server errors, throttling) through the mapping
 * itself.
 */
class S3FailureMappingTest {
  private static S3ProxyServer server;

  @TempDir Path data;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.start();
    server.createBucket("existing");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private S3BlobStore open(Map<String, String> changes) {
    Map<String, String> settings = new HashMap<>(server.settings("existing"));
    settings.putAll(changes);
    return (S3BlobStore)
        new S3BlobStoreProvider().open(settings, LocalKeyProvider.open(data), data);
  }

  @Test
  void signaturesAreCheckedSoAWrongSecretKeyIsAConfigurationErrorSayingWhatToFix() {
    assertThatThrownBy(() -> open(Map.of("secretKey", "not-the-secret")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("blobs.secretKey")
        .hasMessageContaining(S3ProxyServer.ACCESS_KEY)
        .hasMessageNotContaining("not-the-secret")
        .hasMessageNotContaining(server.secretKey());
  }

  @Test
  void anUnknownAccessKeyIsAConfigurationErrorNamingIt() {
    assertThatThrownBy(() -> open(Map.of("accessKey", "nobody")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'nobody'")
        .hasMessageContaining("blobs.accessKey")
        .hasMessageNotContaining(server.secretKey());
  }

  @Test
  void aMissingBucketIsAConfigurationErrorSayingToCreateIt() {
    assertThatThrownBy(() -> open(Map.of("bucket", "no-such-bucket")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'no-such-bucket'")
        .hasMessageContaining("create it")
        .hasMessageContaining("blobs.bucket");
  }

  @Test
  void aBucketDeletedWhileTheStoreIsOpenIsAConfigurationErrorOnTheNextWrite() {
    server.createBucket("short-lived");
    try (S3BlobStore store = open(Map.of("bucket", "short-lived"))) {
      try (var client = server.client()) {
        client.deleteBucket(r -> r.bucket("short-lived"));
      }

      assertThatThrownBy(() -> store.put("p1/parked/a", "a".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("s3://short-lived/p1/parked/a.blob")
          .hasMessageContaining("create it");
    }
  }

  @Test
  void aServiceThatCannotBeReachedIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> open(Map.of("endpoint", "http://127.0.0.1:" + closedPort)))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("http://127.0.0.1:" + closedPort)
        .hasMessageContaining("cannot be reached");
  }

  @Test
  void serverErrorsAndThrottlingAreRetriableAndNotAConfigurationProblem() {
    S3Failures failures = new S3Failures(S3Settings.read(settings()));

    for (var answer :
        Map.of(
                500,
                "InternalError",
                503,
                "SlowDown",
                429,
                "TooManyRequests",
                409,
                "OperationAborted")
            .entrySet()) {
      assertThat(failures.map("write s3://b/k", answer(answer.getKey(), answer.getValue())))
          .as("%s %s", answer.getKey(), answer.getValue())
          .isInstanceOf(RetriableException.class)
          .isNotInstanceOf(UnavailableException.class)
          .hasMessageContaining("write s3://b/k");
    }
  }

  @Test
  void aRequestTheServerDoesNotImplementIsAConfigurationProblem() {
    S3Failures failures = new S3Failures(S3Settings.read(settings()));

    assertThat(failures.map("replace s3://b/k", answer(501, "NotImplemented")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("does not implement");
    assertThat(failures.map("read s3://b/k", answer(301, "PermanentRedirect")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("blobs.region");
    assertThat(failures.map("read s3://b/k", answer(403, "AccessDenied")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("s3:GetObject");
  }

  private static BlobSettings settings() {
    return new BlobSettings("s3", server.settings("existing"), S3Settings.KEYS);
  }

  private static S3Exception answer(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage("as the server said")
                    .build())
            .build();
  }
}
