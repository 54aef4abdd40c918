package io.dataexport.server.cli;

import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dataexport server}: runs the service (API, change readers, writers) until stopped. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description =
        "Runs the Data Export Service: REST API, change readers and writers, until Ctrl-C.")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--port", description = "API port. Default: ${DEFAULT-VALUE}.")
  int port = 8080;

  @Option(names = "--host", description = "API interface. Default: ${DEFAULT-VALUE} (local only).")
  String host = "127.0.0.1";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Data directory (config store, bus, default SQLite files). Default: ${DEFAULT-VALUE}.")
  Path data = Path.of("data");

  @Mixin LogFormatOption logFormat = new LogFormatOption();

  @Override
  public Integer call() throws InterruptedException {
    logFormat.apply();
    ServiceNode node = ServiceNode.start(data, host, port, SyncSettings.defaults());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    System.out.println("Data Export Service is running.");
    System.out.println("  API:  http://" + host + ":" + node.port() + "/api/v1/");
    System.out.println("  Data: " + data.toAbsolutePath());
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
