package io.dataexport.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.service.ProfileService;
import io.dataexport.core.service.ProfileView;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.server.auth.Role;
import io.dataexport.server.node.ServiceNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dataexport demo}: the whole product in one process — the Dataverse emulator with a sample
 * organisation, the service and its API, a demo profile exporting the sample entities to {@code
 * <data>/demo.sqlite}, the initial sync's progress, then live changes arriving.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs the emulator, the service and a demo profile exporting to <data>/demo.sqlite; shows changes arriving.")
final class DemoCommand implements Callable<Integer> {
  static final String PROFILE_NAME = "demo";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO_CONSOLE_KEY = "demo console";

  @Option(names = "--port", description = "Port of the service's API. Default: ${DEFAULT-VALUE}.")
  int port = 8080;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory. Default: ${DEFAULT-VALUE}.")
  Path data = Path.of("data");

  @Option(
      names = "--seed-records",
      paramLabel = "N",
      description = "Records per main sample entity. Default: ${DEFAULT-VALUE}.")
  long seedRecords = 2000;

  @Option(
      names = "--changes-per-second",
      paramLabel = "R",
      description =
          "Changes the emulator makes per second after the initial sync. Default: ${DEFAULT-VALUE}.")
  double changesPerSecond = 20;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description =
          "Stop by itself after this many seconds (0: run until Ctrl-C). Default: ${DEFAULT-VALUE}.")
  long durationSeconds;

  @Mixin LogFormatOption logFormat = new LogFormatOption();

  @Override
  public Integer call() throws Exception {
    logFormat.apply();
    if (System.getenv("DATAEXPORT_LOG_LEVEL") == null) {
      // The demo's screen is its progress display; routine log lines would bury it.
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.dataexport"))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
    Files.createDirectories(data);
    DataverseEmulator emulator =
        DataverseEmulator.start(
            EmulatorSettings.defaults().withPort(0).withSeedRecords(seedRecords));
    ServiceNode node = ServiceNode.start(data, "127.0.0.1", port, SyncSettings.defaults());
    ChangeWorkload workload =
        new ChangeWorkload(
            emulator.store(), WorkloadSettings.defaults().withRate(changesPerSecond), null);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<String> demoProfile = new AtomicReference<>();
    Thread hook =
        new Thread(
            () -> {
              workload.stop();
              leaveInactive(node, demoProfile.get());
              node.close();
              emulator.close();
              stopped.countDown();
            });
    Runtime.getRuntime().addShutdownHook(hook);

    System.out.println(
        "Dataverse emulator: "
            + emulator.webApiRoot()
            + " ("
            + seedRecords
            + " records per main entity)");
    String console = "http://127.0.0.1:" + node.port() + "/";
    System.out.println("Service API:        " + console + "api/v1/");
    System.out.println("Web console:        " + console);
    // the demo drives its profile in-process; the key is for the console and the user's own calls.
    // A data directory used before has no first key to show, so the demo makes its own key anew.
    if (node.firstKey().isPresent()) {
      FirstKeyBanner.print(node, console, System.out);
    } else {
      FirstKeyBanner.show(
          "An admin key for this demo run (the previous run's '"
              + DEMO_CONSOLE_KEY
              + "' key is revoked):",
          node.keys().reissue(DEMO_CONSOLE_KEY, Role.ADMIN).token(),
          console,
          System.out);
    }
    ProfileService profiles = node.profiles();
    ProfileView profile = freshDemoProfile(profiles, emulator);
    demoProfile.set(profile.id());
    System.out.println(
        "Demo profile "
            + profile.id()
            + " exports "
            + String.join(", ", profile.profile().entities())
            + " to "
            + profile.profile().destination().jdbcUrl());
    profiles.activate(profile.id());

    DemoProgress progress = new DemoProgress(profiles, profile.id(), workload, System.out);
    progress.showInitialSync();
    workload.start();
    System.out.printf(
        "Initial sync done. The emulator now makes about %.0f changes per second; watch them arrive (Ctrl-C stops).%n",
        changesPerSecond);
    progress.showLiveChanges(durationSeconds, stopped);
    if (durationSeconds > 0) {
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
    }
    return 0;
  }

  /**
   * Deactivates the demo profile as the demo stops: its emulator stops with it, and an active
   * profile would be resumed by the next run's node and retry that emulator until it gives up,
   * holding up the next run's fresh profile.
   */
  private static void leaveInactive(ServiceNode node, String profileId) {
    if (profileId == null) {
      return;
    }
    try {
      node.profiles().deactivate(profileId);
    } catch (RuntimeException e) {
      // stopping anyway; the next run deletes this profile
      System.err.println("Could not deactivate the demo profile: " + e.getMessage());
    }
  }

  /**
   * Removes the previous run's demo profile and file (its emulator is gone), then creates a new
   * one.
   */
  private ProfileView freshDemoProfile(ProfileService profiles, DataverseEmulator emulator)
      throws IOException {
    for (ProfileView existing : profiles.list()) {
      if (existing.profile().name().equals(PROFILE_NAME)) {
        profiles.delete(existing.id());
      }
    }
    Path file = data.resolve("demo.sqlite").toAbsolutePath();
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
    String origin = emulator.baseUrl().toString().replaceAll("/$", "");
    ObjectNode document =
        (ObjectNode)
            JSON.readTree(
                """
        {"name": "demo",
         "entities": ["account", "contact", "lead", "opportunity", "systemuser", "team", "transactioncurrency"],
         "relationships": ["accountleads_association"],
         "writeDeleteLog": true}
        """);
    ObjectNode source = document.putObject("source");
    source.put("url", origin);
    ObjectNode auth = source.putObject("auth");
    auth.put("tokenUrl", emulator.tokenUrl().toString());
    auth.put("clientId", EmulatorSettings.DEFAULT_CLIENT_ID);
    auth.put("clientSecret", EmulatorSettings.DEFAULT_CLIENT_SECRET);
    ObjectNode destination = document.putObject("destination");
    destination.put("type", "sqlite");
    destination.put("jdbcUrl", "jdbc:sqlite:" + file);
    JsonNode created = document;
    return profiles.create(created);
  }
}
