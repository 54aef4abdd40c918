package io.dataexport.server.cli;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dataexport emulator}: runs the Dataverse Web API emulator alone until stopped. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = "Runs the Dataverse Web API emulator with a sample organisation until Ctrl-C.")
final class EmulatorCommand implements Callable<Integer> {
  @Option(names = "--port", description = "TCP port. Default: ${DEFAULT-VALUE}.")
  int port = 8090;

  @Option(names = "--host", description = "Interface to listen on. Default: ${DEFAULT-VALUE}.")
  String host = "127.0.0.1";

  @Option(
      names = "--changes-per-second",
      paramLabel = "R",
      description =
          "Also run a change workload at R changes per second (creates, updates, deletes). Default: off.")
  double changesPerSecond;

  @Mixin EmulatorOptions emulator = new EmulatorOptions();

  @Override
  public Integer call() throws InterruptedException {
    DataverseEmulator running = DataverseEmulator.start(emulator.settings(host, port));
    ChangeWorkload workload =
        changesPerSecond > 0
            ? new ChangeWorkload(
                running.store(), WorkloadSettings.defaults().withRate(changesPerSecond), null)
            : null;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (workload != null) {
                    workload.stop();
                  }
                  running.close();
                  stopped.countDown();
                }));
    EmulatorBanner.print(running, System.out);
    if (workload != null) {
      workload.start();
      System.out.printf("Change workload: %.0f changes per second.%n", changesPerSecond);
    }
    stopped.await();
    return 0;
  }
}
