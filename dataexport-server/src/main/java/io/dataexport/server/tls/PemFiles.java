package io.dataexport.server.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files: certificates ({@code -----BEGIN CERTIFICATE-----}, as many as the file holds, in
 * order) and an unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}, RSA or EC).
 * Other key formats are refused with the command that converts them.
 */
public final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final String PKCS8 = "PRIVATE KEY";
  private static final String TO_PKCS8 =
      " Convert it with 'openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out key-pkcs8.pem'.";

  private PemFiles() {}

  /**
   * The certificates of a file, in their order (for a server: its own first, then the chain).
   * DER-encoded files are read too.
   *
   * @throws TlsFileException when the file cannot be read or holds no certificate
   */
  public static List<X509Certificate> certificates(Path file) throws TlsFileException {
    byte[] content = TlsFiles.read(file);
    try {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(content))
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (!certificates.isEmpty()) {
        return certificates;
      }
    } catch (CertificateException notCertificates) {
      // reported below
    }
    throw new TlsFileException(
        "holds no certificate. Give a PEM file with -----BEGIN CERTIFICATE----- blocks (the"
            + " certificate first, then its chain).");
  }

  /**
   * The private key of a PEM file in PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC.
   *
   * @throws TlsFileException when the file cannot be read, holds another kind of key (PKCS#1, SEC1,
   *     encrypted) or none
   */
  public static PrivateKey privateKey(Path file) throws TlsFileException {
    String text = new String(TlsFiles.read(file), StandardCharsets.US_ASCII);
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      String type = block.group(1);
      switch (type) {
        case PKCS8 -> {
          return pkcs8(decode(block.group(2)));
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new TlsFileException(
                "holds a key in the older " + type + " format; PKCS#8 is needed." + TO_PKCS8);
        case "ENCRYPTED PRIVATE KEY" ->
            throw new TlsFileException(
                "holds an encrypted key; the service reads unencrypted PKCS#8 keys (protect the"
                    + " file with its permissions), or use a PKCS12 key store with a password."
                    + " Decrypt it with 'openssl pkcs8 -in KEY.pem -out key-pkcs8.pem'.");
        default -> {
          // a certificate or parameters in the same file: look further
        }
      }
    }
    throw new TlsFileException(
        "holds no private key. Give a PEM file with a -----BEGIN PRIVATE KEY----- block (PKCS#8,"
            + " unencrypted, RSA or EC).");
  }

  private static byte[] decode(String base64) throws TlsFileException {
    try {
      return Base64.getMimeDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new TlsFileException("holds a PEM block that is not valid base64.");
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws TlsFileException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : ServerIdentity.KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException notThisAlgorithm) {
        // try the next one
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("The JDK lacks the " + algorithm + " key factory", e);
      }
    }
    throw new TlsFileException(
        "holds a private key that is neither RSA nor EC, or is damaged. Give an RSA or EC key.");
  }
}
