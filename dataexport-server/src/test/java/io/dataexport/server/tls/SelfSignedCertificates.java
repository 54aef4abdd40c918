package io.dataexport.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for tests, made as an operator would: a PKCS12 key store with the JDK's
 * {@code keytool} (beside the running {@code java}), and PEM files written from it in Java, so no
 * {@code openssl} is needed. Every certificate names {@code localhost} and {@code 127.0.0.1}.
 */
public final class SelfSignedCertificates {
  /** The key store's alias, as the README's keytool command names it. */
  public static final String ALIAS = "dataexport";

  private SelfSignedCertificates() {}

  /** A PEM certificate and its PKCS#8 private key. */
  public record PemPair(Path certificate, Path privateKey) {}

  /**
   * Makes a PKCS12 key store with one key pair and its self-signed certificate, valid for a day.
   *
   * @param keyAlgorithm {@code RSA} or {@code EC}
   */
  public static Path pkcs12(Path file, String password, String keyAlgorithm) {
    return keytool(file, password, keyAlgorithm, List.of("-validity", "1"));
  }

  /** Like {@link #pkcs12}, with a certificate that expired yesterday. */
  public static Path expiredPkcs12(Path file, String password) {
    return keytool(file, password, "RSA", List.of("-startdate", "-3d", "-validity", "1"));
  }

  /** Writes the key store's certificate and private key as PEM files beside {@code prefix}. */
  public static PemPair pem(Path keyStore, String password, Path prefix) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      Key key = store.getKey(ALIAS, password.toCharArray());
      Path certificate = prefix.resolveSibling(prefix.getFileName() + "-certificate.pem");
      Path privateKey = prefix.resolveSibling(prefix.getFileName() + "-key.pem");
      StringBuilder chain = new StringBuilder();
      for (Certificate each : store.getCertificateChain(ALIAS)) {
        chain.append(pem("CERTIFICATE", each.getEncoded()));
      }
      Files.writeString(certificate, chain);
      Files.writeString(privateKey, pem("PRIVATE KEY", key.getEncoded()));
      return new PemPair(certificate, privateKey);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot write PEM files from " + keyStore, e);
    }
  }

  /** One PEM block: the DER bytes in base64, 64 characters a line. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static Path keytool(Path file, String password, String keyAlgorithm, List<String> dates) {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path keytool = java.resolveSibling("keytool");
    if (!Files.isExecutable(keytool)) {
      throw new IllegalStateException("keytool is missing beside the running java: " + keytool);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                keyAlgorithm,
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                password,
                "-noprompt"));
    command.addAll(dates);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + keytool, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
