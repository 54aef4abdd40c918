package io.dataexport.soak.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.util.List;

/** The export profile a soak round creates: the emulator's entities into its PostgreSQL schema. */
public final class ProfileDocument {
  /** Tries per parked notification: enough to outlive a PostgreSQL restart. */
  static final int RETRY_COUNT = 12;

  /** Seconds between tries, short so that parked notifications are retried within a round. */
  static final int RETRY_INTERVAL_SECONDS = 2;

  private ProfileDocument() {}

  /**
   * The profile document, with {@code writeDeleteLog} on.
   *
   * @param destination the {@code destination} block
   */
  public static ObjectNode of(
      String name, DataverseEmulator emulator, ObjectNode destination, List<String> entities) {
    ObjectNode document = new ObjectMapper().createObjectNode();
    document.put("name", name);
    ObjectNode source = document.putObject("source");
    source.put("url", emulator.baseUrl().toString().replaceAll("/$", ""));
    ObjectNode auth = source.putObject("auth");
    auth.put("tokenUrl", emulator.tokenUrl().toString());
    auth.put("clientId", EmulatorSettings.DEFAULT_CLIENT_ID);
    auth.put("clientSecret", EmulatorSettings.DEFAULT_CLIENT_SECRET);
    document.set("destination", destination);
    entities.forEach(document.putArray("entities")::add);
    document.put("retryCount", RETRY_COUNT);
    document.put("retryIntervalSeconds", RETRY_INTERVAL_SECONDS);
    document.put("writeDeleteLog", true);
    return document;
  }
}
