package io.dataexport.server.node;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.destination.DroppedTables;
import io.dataexport.core.service.ProfileService;
import io.dataexport.store.io.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Uninstalls the service (SPEC §11): every profile deactivated and deleted with its sync state,
 * bus, parked blobs and failure log — with {@code dropTables}, also exactly the destination tables
 * the service created — then every blob left, everything the config store keeps, and the node's own
 * files in its data directory (bus, blobs and keys directories). Destination databases and files,
 * and anything else in the data directory, stay.
 */
public final class Uninstall {
  /** What the node keeps in its data directory, removed last. */
  private static final List<String> NODE_FILES = List.of("bus", "blobs", "keys");

  private Uninstall() {}

  /**
   * What an uninstall removed.
   *
   * @param serviceId the id of the installation removed
   * @param profiles the profiles deleted, each with the tables dropped (when asked)
   * @param nodeFiles the node's directories removed from its data directory
   */
  public record Report(
      String serviceId, List<ProfileService.Removal> profiles, List<Path> nodeFiles) {
    /** The report as the API returns it. */
    public ObjectNode toJson() {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("serviceId", serviceId);
      var list = body.putArray("profiles");
      for (ProfileService.Removal removal : profiles) {
        ObjectNode profile = list.addObject();
        profile.put("id", removal.profileId());
        profile.put("name", removal.name());
        if (removal.tables() != null) {
          removal.tables().dropped().forEach(profile.putArray("droppedTables")::add);
          removal.tables().kept().forEach(profile.putArray("keptTables")::add);
        }
      }
      body.put("configStore", "removed");
      var files = body.putArray("nodeFiles");
      nodeFiles.forEach(file -> files.add(file.toString()));
      return body;
    }

    /** The report as the command line prints it. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (ProfileService.Removal removal : profiles) {
        lines.add(
            "Deleted profile "
                + removal.name()
                + " ("
                + removal.profileId()
                + "): sync state, bus, parked blobs, failure log.");
        DroppedTables tables = removal.tables();
        if (tables != null) {
          tables.dropped().forEach(table -> lines.add("  dropped table " + table));
          tables
              .kept()
              .forEach(
                  table ->
                      lines.add("  kept shared table " + table + " (other entities have rows)"));
        }
      }
      lines.add("Removed the config & metrics store of service " + serviceId + ".");
      nodeFiles.forEach(file -> lines.add("Removed " + file));
      return lines;
    }
  }

  /**
   * Runs the uninstall. The profile service is closed afterwards and its store removed.
   *
   * @param dataDirectory the node's data directory
   */
  public static Report run(
      ProfileService profiles, String serviceId, Path dataDirectory, boolean dropTables) {
    List<ProfileService.Removal> removed = profiles.uninstall(dropTables);
    List<Path> files = new ArrayList<>();
    for (String name : NODE_FILES) {
      Path directory = dataDirectory.resolve(name);
      if (Files.exists(directory)) {
        delete(directory);
        files.add(directory.toAbsolutePath());
      }
    }
    return new Report(serviceId, removed, files);
  }

  private static void delete(Path directory) {
    try {
      DurableFiles.deleteRecursively(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + directory + ": " + e.getMessage(), e);
    }
  }
}
