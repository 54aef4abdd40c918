package io.dataexport.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataexport.api.error.Problem;
import io.dataexport.server.tls.SelfSignedCertificates;
import io.dataexport.server.tls.SelfSignedCertificates.PemPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code api.tls.*}: a PKCS12 key store or PEM files turn TLS on, and every way they cannot work is
 * a problem at start that names the key and what to do, never the password.
 */
class TlsConfigTest {
  private static final String PASSWORD = "Store-Pw-Never-Shown";

  @TempDir Path directory;

  @Test
  void withoutTlsKeysTheApiServesPlainHttp() {
    ApiConfig api = ServiceConfig.load(null, Map.of(), Map.of()).api();

    assertThat(api.tls()).isEmpty();
    assertThat(api.scheme()).isEqualTo("http");
  }

  @Test
  void aPkcs12KeyStoreWithItsPasswordFromTheEnvironmentTurnsTlsOn() {
    Path keyStore = SelfSignedCertificates.pkcs12(directory.resolve("api.p12"), PASSWORD, "RSA");

    ApiConfig api =
        ServiceConfig.load(
                null,
                Map.of(
                    "DATAEXPORT_API_TLS_KEY_STORE",
                    keyStore.toString(),
                    "DATAEXPORT_API_TLS_KEY_STORE_PASSWORD",
                    PASSWORD),
                Map.of())
            .api();

    assertThat(api.scheme()).isEqualTo("https");
    assertThat(api.tls()).isPresent();
    assertThat(api.tls().get().certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=localhost");
    assertThat(api.toString()).contains("CN=localhost").doesNotContain(PASSWORD);
  }

  @Test
  void pemFilesWithAnRsaOrAnEcKeyTurnTlsOn() throws IOException {
    for (String algorithm : new String[] {"RSA", "EC"}) {
      Path keyStore =
          SelfSignedCertificates.pkcs12(directory.resolve(algorithm + ".p12"), PASSWORD, algorithm);
      PemPair pem = SelfSignedCertificates.pem(keyStore, PASSWORD, directory.resolve(algorithm));
      Path file = directory.resolve(algorithm + ".yaml");
      Files.writeString(
          file,
          """
          api:
            tls:
              certificate: %s
              privateKey: %s
          """
              .formatted(pem.certificate(), pem.privateKey()));

      ApiConfig api = ServiceConfig.load(file, Map.of(), Map.of()).api();

      assertThat(api.tls()).as(algorithm).isPresent();
      assertThat(api.tls().get().key().getAlgorithm()).isEqualTo(algorithm);
      assertThat(api.tls().get().keyMatchesCertificate()).isTrue();
    }
  }

  @Test
  void aWrongPasswordIsAProblemOnThePasswordThatNeverShowsIt() {
    Path keyStore = SelfSignedCertificates.pkcs12(directory.resolve("api.p12"), PASSWORD, "EC");

    InvalidConfigException refused =
        refused(
            Map.of(
                ConfigKeys.API_TLS_KEY_STORE,
                keyStore.toString(),
                ConfigKeys.API_TLS_KEY_STORE_PASSWORD,
                "Wrong-Pw-Never-Shown"));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("api.tls.keyStorePassword");
              assertThat(problem.value()).isNull();
              assertThat(problem.message())
                  .contains("does not open the key store", "the password the key store was made");
            });
    assertThat(refused.getMessage()).doesNotContain("Wrong-Pw-Never-Shown", PASSWORD);
  }

  @Test
  void aKeyThatDoesNotMatchItsCertificateIsRefused() {
    PemPair first =
        SelfSignedCertificates.pem(
            SelfSignedCertificates.pkcs12(directory.resolve("a.p12"), PASSWORD, "RSA"),
            PASSWORD,
            directory.resolve("a"));
    PemPair second =
        SelfSignedCertificates.pem(
            SelfSignedCertificates.pkcs12(directory.resolve("b.p12"), PASSWORD, "RSA"),
            PASSWORD,
            directory.resolve("b"));

    InvalidConfigException refused =
        refused(
            Map.of(
                ConfigKeys.API_TLS_CERTIFICATE, first.certificate().toString(),
                ConfigKeys.API_TLS_PRIVATE_KEY, second.privateKey().toString()));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("api.tls.privateKey");
              assertThat(problem.message())
                  .contains("does not belong to the certificate CN=localhost")
                  .contains("Give the key the certificate was issued for");
            });
  }

  @Test
  void anExpiredCertificateIsRefused() {
    Path keyStore = SelfSignedCertificates.expiredPkcs12(directory.resolve("old.p12"), PASSWORD);

    InvalidConfigException refused =
        refused(
            Map.of(
                ConfigKeys.API_TLS_KEY_STORE,
                keyStore.toString(),
                ConfigKeys.API_TLS_KEY_STORE_PASSWORD,
                PASSWORD));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("api.tls.keyStore");
              assertThat(problem.value()).isEqualTo(keyStore.toString());
              assertThat(problem.message()).contains("expired on", "Renew it");
            });
  }

  @Test
  void bothFormsAtOnceAreRefused() {
    Path keyStore = SelfSignedCertificates.pkcs12(directory.resolve("api.p12"), PASSWORD, "RSA");
    PemPair pem = SelfSignedCertificates.pem(keyStore, PASSWORD, directory.resolve("api"));

    InvalidConfigException refused =
        refused(
            Map.of(
                ConfigKeys.API_TLS_KEY_STORE, keyStore.toString(),
                ConfigKeys.API_TLS_KEY_STORE_PASSWORD, PASSWORD,
                ConfigKeys.API_TLS_CERTIFICATE, pem.certificate().toString(),
                ConfigKeys.API_TLS_PRIVATE_KEY, pem.privateKey().toString()));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("api.tls.certificate");
              assertThat(problem.message()).contains("Give either a PKCS12 key store", "not both");
            });
  }

  @Test
  void missingFilesHalfFormsAndOldKeyFormatsAreAllListedTogether() throws IOException {
    Path pkcs1 = directory.resolve("pkcs1.pem");
    Files.writeString(pkcs1, SelfSignedCertificates.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
    Path certificateFile = directory.resolve("no-certificate.pem");
    Files.writeString(certificateFile, "not a certificate");
    Path file = directory.resolve("broken.yaml");
    Files.writeString(
        file,
        """
        api:
          port: eighty
          tls:
            certificate: %s
            privateKey: %s
        """
            .formatted(certificateFile, pkcs1));

    InvalidConfigException refused =
        catchThrowableOfType(
            InvalidConfigException.class, () -> ServiceConfig.load(file, Map.of(), Map.of()));

    assertThat(refused.problems())
        .extracting(Problem::field)
        .containsExactly("api.port", "api.tls.certificate", "api.tls.privateKey");
    assertThat(refused.problems().get(1).message()).contains("holds no certificate");
    assertThat(refused.problems().get(2).message())
        .contains("RSA PRIVATE KEY format; PKCS#8 is needed", "openssl pkcs8 -topk8 -nocrypt");

    assertThat(
            refused(
                    Map.of(
                        ConfigKeys.API_TLS_KEY_STORE, directory.resolve("missing.p12").toString()))
                .problems())
        .extracting(Problem::toString)
        .singleElement()
        .asString()
        .contains("api.tls.keyStore", "needs api.tls.keyStorePassword");
    assertThat(
            refused(
                    Map.of(
                        ConfigKeys.API_TLS_KEY_STORE,
                        directory.resolve("missing.p12").toString(),
                        ConfigKeys.API_TLS_KEY_STORE_PASSWORD,
                        PASSWORD))
                .problems())
        .extracting(Problem::toString)
        .singleElement()
        .asString()
        .contains("api.tls.keyStore", "names a file that does not exist");
    assertThat(refused(Map.of(ConfigKeys.API_TLS_PRIVATE_KEY, pkcs1.toString())).problems())
        .extracting(Problem::toString)
        .singleElement()
        .asString()
        .contains("api.tls.privateKey: needs api.tls.certificate too");
  }

  private static InvalidConfigException refused(Map<String, String> overrides) {
    return catchThrowableOfType(
        InvalidConfigException.class, () -> ServiceConfig.load(null, Map.of(), overrides));
  }
}
