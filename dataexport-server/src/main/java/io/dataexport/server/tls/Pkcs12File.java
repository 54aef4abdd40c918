package io.dataexport.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A PKCS12 key store file holding the API's private key and its certificate chain, as {@code
 * keytool -genkeypair -storetype PKCS12} or {@code openssl pkcs12 -export} make it.
 */
public final class Pkcs12File {
  private Pkcs12File() {}

  /**
   * Opens the key store and takes its one private key with its certificate chain.
   *
   * @param password opens the store and its key (the same password, as keytool and openssl make
   *     them)
   * @throws TlsFileException when the file cannot be read, is no PKCS12 store, the password does
   *     not open it ({@link TlsFileException#passwordRejected()}), or it holds no or several keys
   */
  public static ServerIdentity read(Path file, char[] password) throws TlsFileException {
    byte[] content = TlsFiles.read(file);
    KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(content), password);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw wrongPassword();
      }
      throw new TlsFileException(
          "is not a PKCS12 key store ("
              + e.getMessage()
              + "). Give a .p12 file, e.g. made with 'keytool -genkeypair -storetype PKCS12'.");
    } catch (GeneralSecurityException e) {
      throw new TlsFileException("cannot be opened as a PKCS12 key store: " + e.getMessage());
    }
    try {
      List<String> keys = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keys.add(alias);
        }
      }
      if (keys.size() != 1) {
        throw new TlsFileException(
            keys.isEmpty()
                ? "holds no private key, only certificates. Give the key store with the API's"
                    + " private key and certificate."
                : "holds "
                    + keys.size()
                    + " private keys ("
                    + String.join(", ", keys)
                    + "); the API needs exactly one. Give a key store with only the API's key"
                    + " (keytool -importkeystore -srcalias ALIAS makes one).");
      }
      return identity(store, keys.getFirst(), password);
    } catch (UnrecoverableKeyException e) {
      throw wrongPassword();
    } catch (GeneralSecurityException e) {
      throw new TlsFileException("cannot be read as a PKCS12 key store: " + e.getMessage());
    }
  }

  private static ServerIdentity identity(KeyStore store, String alias, char[] password)
      throws GeneralSecurityException, TlsFileException {
    if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
      throw new TlsFileException(
          "holds a secret key under '" + alias + "', not a private key with a certificate.");
    }
    Certificate[] chain = store.getCertificateChain(alias);
    if (chain == null || chain.length == 0) {
      throw new TlsFileException(
          "holds the key '" + alias + "' without a certificate. Store it with its certificate.");
    }
    return new ServerIdentity(key, Arrays.stream(chain).map(X509Certificate.class::cast).toList());
  }

  private static TlsFileException wrongPassword() {
    return new TlsFileException(
        "does not open the key store (or its key). Give the password the key store was made"
            + " with.",
        true);
  }
}
