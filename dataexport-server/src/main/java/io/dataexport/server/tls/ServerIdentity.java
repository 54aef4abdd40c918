package io.dataexport.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What the API presents over TLS: its private key and certificate chain (its own certificate
 * first). Prints as the certificate's subject and expiry, never the key.
 *
 * @param key the private key, RSA or EC
 * @param chain the certificates, the API's own first; never empty
 */
public record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {
  /** The key algorithms the API accepts. */
  static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

  private static final byte[] PROBE = "dataexport key check".getBytes(StandardCharsets.US_ASCII);

  public ServerIdentity {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a server identity needs its certificate");
    }
  }

  /** The API's own certificate. */
  public X509Certificate certificate() {
    return chain.getFirst();
  }

  /** True when the key is RSA or EC, the kinds the API can use. */
  public boolean hasSupportedKey() {
    return KEY_ALGORITHMS.contains(key.getAlgorithm());
  }

  /**
   * True when the key belongs to the certificate: a signature made with the key verifies with the
   * certificate's public key.
   */
  public boolean keyMatchesCertificate() {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate().getPublicKey());
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException differentKinds) {
      // e.g. an EC key with an RSA certificate
      return false;
    }
  }

  /** Why the certificate cannot be used at that time (expired, not valid yet), or empty. */
  public Optional<String> validityProblem(Instant now) {
    Instant notAfter = certificate().getNotAfter().toInstant();
    Instant notBefore = certificate().getNotBefore().toInstant();
    if (now.isAfter(notAfter)) {
      return Optional.of(
          "holds a certificate that expired on "
              + notAfter
              + " ("
              + subject()
              + "). Renew it and give the new one.");
    }
    if (now.isBefore(notBefore)) {
      return Optional.of(
          "holds a certificate that is valid only from "
              + notBefore
              + " ("
              + subject()
              + "). Check the machine's clock or give a certificate valid now.");
    }
    return Optional.empty();
  }

  /**
   * A TLS context that presents this identity; the protocol versions are chosen by the connector.
   */
  public SSLContext sslContext() {
    try {
      // the key store lives in memory only, so its password only has to be consistent here
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      char[] password = HexFormat.of().formatHex(random).toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("api", key, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot set up TLS with " + this + ": " + e.getMessage(), e);
    }
  }

  private String subject() {
    return certificate().getSubjectX500Principal().getName();
  }

  @Override
  public String toString() {
    return "ServerIdentity["
        + subject()
        + ", valid until "
        + certificate().getNotAfter().toInstant()
        + "]";
  }
}
