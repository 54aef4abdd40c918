package io.dataexport.server.cli;

import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.config.ConfigKeys;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dataexport server}: runs the service (API, change readers, writers) until stopped, with
 * the configuration of {@code --config FILE}, the {@code DATAEXPORT_…} environment and the flags
 * (each winning over the one before). A configuration with problems is refused, every problem
 * listed, before anything is opened.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description =
        "Runs the Data Export Service: REST API, change readers and writers, until Ctrl-C.")
final class ServerCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML configuration file. Environment variables DATAEXPORT_<KEY> win over it, the flags"
              + " below over both. Default: none (embedded defaults).")
  Path config;

  @Option(names = "--port", description = "API port (api.port). Default: 8080.")
  Integer port;

  @Option(
      names = "--host",
      description = "API interface (api.host). Default: 127.0.0.1 (local only).")
  String host;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Data directory (data: config store, bus, default SQLite files). Default: ./data.")
  Path data;

  @Mixin LogFormatOption logFormat = new LogFormatOption();

  @Override
  public Integer call() throws InterruptedException {
    logFormat.apply();
    ServiceConfig configuration = ServiceConfig.load(config, System.getenv(), flags());
    ServiceNode node = ServiceNode.start(configuration, SyncSettings.defaults());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    System.out.println("Data Export Service is running.");
    System.out.println(
        "  API:  "
            + configuration.api().scheme()
            + "://"
            + configuration.api().host()
            + ":"
            + node.port()
            + "/api/v1/");
    System.out.println("  Data: " + configuration.data().toAbsolutePath());
    System.out.println("  Node: " + configuration.node().id());
    FirstKeyBanner.print(
        node,
        configuration.api().scheme() + "://" + configuration.api().host() + ":" + node.port() + "/",
        System.out);
    System.out.println("Press Ctrl-C to stop.");
    node.uninstalled()
        .thenAccept(
            report -> {
              report.lines().forEach(System.out::println);
              System.out.println("The service was uninstalled through the API; stopping.");
              stopped.countDown();
            });
    stopped.await();
    return 0;
  }

  /** The flags given, by configuration key. */
  private Map<String, String> flags() {
    Map<String, String> flags = new HashMap<>();
    if (port != null) {
      flags.put(ConfigKeys.API_PORT, port.toString());
    }
    if (host != null) {
      flags.put(ConfigKeys.API_HOST, host);
    }
    if (data != null) {
      flags.put(ConfigKeys.DATA, data.toString());
    }
    return flags;
  }
}
