package io.dataexport.server.config;

import io.dataexport.api.profile.Secret;
import io.dataexport.server.tls.PemFiles;
import io.dataexport.server.tls.Pkcs12File;
import io.dataexport.server.tls.ServerIdentity;
import io.dataexport.server.tls.TlsFileException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API's TLS settings: {@code api.tls.keyStore} + {@code api.tls.keyStorePassword} (PKCS12), or
 * {@code api.tls.certificate} + {@code api.tls.privateKey} (PEM). The files are read and checked
 * here, at start, so a wrong password, a key that does not match its certificate or an expired
 * certificate is one more problem in the list rather than a failed handshake later.
 */
final class TlsConfig {
  private static final String TWO_FORMS =
      "Give either a PKCS12 key store (api.tls.keyStore + api.tls.keyStorePassword) or PEM files"
          + " (api.tls.certificate + api.tls.privateKey), not both.";

  private TlsConfig() {}

  /** The identity the API presents; empty without TLS keys, or when they have problems. */
  static Optional<ServerIdentity> read(ConfigReader reader) {
    Optional<Path> keyStore = file(reader, ConfigKeys.API_TLS_KEY_STORE);
    Optional<Secret> password = reader.secret(ConfigKeys.API_TLS_KEY_STORE_PASSWORD);
    Optional<Path> certificate = file(reader, ConfigKeys.API_TLS_CERTIFICATE);
    Optional<Path> privateKey = file(reader, ConfigKeys.API_TLS_PRIVATE_KEY);
    boolean pkcs12 = keyStore.isPresent() || password.isPresent();
    boolean pem = certificate.isPresent() || privateKey.isPresent();
    if (pkcs12 && pem) {
      reader.problem(
          pem(certificate.isPresent()), "is given together with a PKCS12 key store. " + TWO_FORMS);
      return Optional.empty();
    }
    if (pkcs12) {
      return keyStore(reader, keyStore, password);
    }
    if (pem) {
      return pemFiles(reader, certificate, privateKey);
    }
    return Optional.empty();
  }

  private static Optional<ServerIdentity> keyStore(
      ConfigReader reader, Optional<Path> file, Optional<Secret> password) {
    if (file.isEmpty()) {
      reader.problem(
          ConfigKeys.API_TLS_KEY_STORE_PASSWORD,
          "is given without api.tls.keyStore. Give the PKCS12 file it opens, or leave both out"
              + " for plain HTTP.");
      return Optional.empty();
    }
    if (password.isEmpty()) {
      reader.problem(
          ConfigKeys.API_TLS_KEY_STORE,
          "needs api.tls.keyStorePassword (e.g. from DATAEXPORT_API_TLS_KEY_STORE_PASSWORD), the"
              + " password the key store was made with.");
      return Optional.empty();
    }
    try {
      ServerIdentity identity = Pkcs12File.read(file.get(), password.get().reveal().toCharArray());
      return checked(reader, identity, ConfigKeys.API_TLS_KEY_STORE, ConfigKeys.API_TLS_KEY_STORE);
    } catch (TlsFileException e) {
      reader.problem(
          e.passwordRejected()
              ? ConfigKeys.API_TLS_KEY_STORE_PASSWORD
              : ConfigKeys.API_TLS_KEY_STORE,
          e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<ServerIdentity> pemFiles(
      ConfigReader reader, Optional<Path> certificateFile, Optional<Path> keyFile) {
    if (certificateFile.isEmpty() || keyFile.isEmpty()) {
      reader.problem(
          pem(certificateFile.isPresent()),
          "needs "
              + pem(keyFile.isPresent())
              + " too: the certificate (chain) and its private key as PEM files.");
      return Optional.empty();
    }
    List<X509Certificate> chain = null;
    PrivateKey key = null;
    try {
      chain = PemFiles.certificates(certificateFile.get());
    } catch (TlsFileException e) {
      reader.problem(ConfigKeys.API_TLS_CERTIFICATE, e.getMessage());
    }
    try {
      key = PemFiles.privateKey(keyFile.get());
    } catch (TlsFileException e) {
      reader.problem(ConfigKeys.API_TLS_PRIVATE_KEY, e.getMessage());
    }
    if (chain == null || key == null) {
      return Optional.empty();
    }
    return checked(
        reader,
        new ServerIdentity(key, chain),
        ConfigKeys.API_TLS_CERTIFICATE,
        ConfigKeys.API_TLS_PRIVATE_KEY);
  }

  /** The identity when its key fits its certificate and the certificate is valid now. */
  private static Optional<ServerIdentity> checked(
      ConfigReader reader, ServerIdentity identity, String certificateKey, String keyKey) {
    boolean usable = true;
    if (!identity.hasSupportedKey()) {
      reader.problem(
          keyKey,
          "holds a " + identity.key().getAlgorithm() + " key; the API takes RSA or EC keys.");
      usable = false;
    } else if (!identity.keyMatchesCertificate()) {
      reader.problem(
          keyKey,
          "holds a private key that does not belong to the certificate "
              + identity.certificate().getSubjectX500Principal().getName()
              + ". Give the key the certificate was issued for.");
      usable = false;
    }
    Optional<String> validity = identity.validityProblem(Instant.now());
    if (validity.isPresent()) {
      reader.problem(certificateKey, validity.get());
      usable = false;
    }
    return usable ? Optional.of(identity) : Optional.empty();
  }

  /** A file path; empty when unset or not a path (reported). */
  private static Optional<Path> file(ConfigReader reader, String key) {
    Optional<String> text = reader.optionalText(key);
    try {
      return text.map(Path::of);
    } catch (InvalidPathException e) {
      reader.problem(key, "is not a valid file path (" + e.getReason() + "). Give a file path.");
      return Optional.empty();
    }
  }

  private static String pem(boolean certificate) {
    return certificate ? ConfigKeys.API_TLS_CERTIFICATE : ConfigKeys.API_TLS_PRIVATE_KEY;
  }
}
