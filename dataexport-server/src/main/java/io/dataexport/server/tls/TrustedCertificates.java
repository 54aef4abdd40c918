package io.dataexport.server.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a client trusts instead of the JDK's default authorities, e.g. the self-signed
 * certificate of a service or the certificate of a company's own authority. Host names are still
 * checked against the certificate; nothing here trusts everything.
 */
public final class TrustedCertificates {
  private TrustedCertificates() {}

  /**
   * A TLS context that trusts exactly the certificates of a file (PEM or DER; a self-signed
   * certificate or an authority's).
   *
   * @throws TlsFileException when the file cannot be read or holds no certificate
   */
  public static SSLContext of(Path file) throws TlsFileException {
    List<X509Certificate> certificates = PemFiles.certificates(file);
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        trusted.setCertificateEntry("trusted-" + i, certificates.get(i));
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot set up TLS trust: " + e.getMessage(), e);
    }
  }
}
