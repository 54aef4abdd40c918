package io.dataexport.server.node;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.store.ConfigStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Refuses a node whose {@code store.encryptionKey} differs from the one the cluster's other nodes
 * use (SPEC §8): such a node could not read the profiles the others wrote, nor they its. The store
 * keeps the first node's key fingerprint (a hash under a fixed label, which tells nothing of the
 * key); every node compares its own before it takes any work.
 */
final class ClusterKeyCheck {
  private static final byte[] LABEL =
      "dataexport store.encryptionKey fingerprint v1".getBytes(StandardCharsets.UTF_8);

  private ClusterKeyCheck() {}

  static void verify(ConfigStore store, byte[] key) {
    if (key == null) {
      throw new ConfigurationException(
          "store.encryptionKey is required in cluster mode: give every node the same base64"
              + " AES-256 key.");
    }
    String mine = fingerprint(key);
    String kept = store.claimKeyFingerprint(mine);
    if (!kept.equals(mine)) {
      throw new ConfigurationException(
          "store.encryptionKey differs from the key the other nodes of this cluster use"
              + " (fingerprint "
              + mine
              + ", the cluster's is "
              + kept
              + "): give every node the same store.encryptionKey.");
    }
  }

  static String fingerprint(byte[] key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(LABEL);
      digest.update(key);
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
