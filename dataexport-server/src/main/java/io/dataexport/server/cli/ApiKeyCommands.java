package io.dataexport.server.cli;

import io.dataexport.api.store.ApiKey;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.server.auth.ApiKeyTokens;
import io.dataexport.server.auth.Role;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.store.config.JdbcConfigStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dataexport keys create|list|revoke}: the REST API's keys, managed on the config store the
 * configuration names (like {@code server} opens it), with or without the service running. A new
 * key is printed once; the store keeps only its hash.
 */
final class ApiKeyCommands {
  private ApiKeyCommands() {}

  /** Opens the service's config store for one command. */
  private static ConfigStore open(KeysCommand keys) {
    ServiceConfig configuration = keys.existingConfiguration();
    return JdbcConfigStore.open(configuration.store().location(), configuration.data());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates an API key and prints it once (only its hash is stored).")
  static final class Create implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Option(names = "--name", required = true, description = "Unique name, e.g. ci-deploy.")
    String name;

    @Option(names = "--role", required = true, description = "viewer, operator or admin.")
    String role;

    @Override
    public Integer call() {
      Role granted =
          Role.named(role)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          keys.spec.commandLine(),
                          "--role '" + role + "': give one of " + Role.names() + "."));
      try (ConfigStore store = open(keys)) {
        ApiKeyTokens.Issued issued;
        try {
          issued = new ApiKeyTokens(store.apiKeys()).issue(name, granted);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(keys.spec.commandLine(), "--" + e.getMessage());
        }
        // Only the key on standard output, so it can go straight into a secret.
        System.out.println(issued.token());
        System.err.println(
            "Created API key "
                + issued.key().id()
                + " '"
                + name
                + "' with role "
                + granted.wireName()
                + ". It is shown only now: keep it secret. Callers send it as 'Authorization:"
                + " Bearer <key>' (the CLI: --token or DATAEXPORT_TOKEN).");
      }
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the API keys: id, name, role, created, last used (never the keys).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Override
    public Integer call() {
      try (ConfigStore store = open(keys)) {
        List<ApiKey> all = store.apiKeys().list();
        System.out.printf(
            "%-16s  %-24s  %-8s  %-27s  %s%n", "ID", "NAME", "ROLE", "CREATED", "LAST USED");
        for (ApiKey key : all) {
          System.out.printf(
              "%-16s  %-24s  %-8s  %-27s  %s%n",
              key.id(),
              key.name(),
              key.role(),
              key.createdAt(),
              key.lastUsedAt() == null ? "never" : key.lastUsedAt());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revokes an API key: requests with it are refused from now on.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(paramLabel = "ID", description = "The key's id, as 'keys list' shows it.")
    String id;

    @Override
    public Integer call() {
      try (ConfigStore store = open(keys)) {
        if (!store.apiKeys().revoke(id)) {
          System.err.println("There is no API key " + id + "; 'keys list' shows the ids.");
          return 1;
        }
      }
      System.out.println("Revoked API key " + id + ".");
      return 0;
    }
  }
}
