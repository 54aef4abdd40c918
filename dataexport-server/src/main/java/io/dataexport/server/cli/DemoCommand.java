package io.dataexport.server.cli;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dataexport demo}. For now it runs the emulator with a gentle change workload; the export
 * service itself (profile, initial sync, live changes into SQLite) joins it with the sync engine.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the demo: for now the Dataverse emulator with a live change workload.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--port", description = "Port of the emulator. Default: ${DEFAULT-VALUE}.")
  int port = 8090;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (used once the service arrives). Default: ${DEFAULT-VALUE}.")
  String data = "./data";

  @Override
  public Integer call() throws InterruptedException {
    EmulatorOptions options = new EmulatorOptions();
    options.seedRecords = 200;
    DataverseEmulator emulator = DataverseEmulator.start(options.settings("127.0.0.1", port));
    ChangeWorkload workload =
        new ChangeWorkload(emulator.store(), WorkloadSettings.defaults().withRate(5), null);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  workload.stop();
                  emulator.close();
                  stopped.countDown();
                }));
    EmulatorBanner.print(emulator, System.out);
    workload.start();
    System.out.println();
    System.out.println("The emulator is making about 5 changes per second.");
    System.out.println(
        "The export service (profile, initial sync into "
            + data
            + "/demo.sqlite, live changes)"
            + " arrives with the sync-engine issue; until then the demo shows the source side only.");
    stopped.await();
    return 0;
  }
}
