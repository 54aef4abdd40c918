package io.dataexport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.store.blob.ConfiguredKeyProvider;
import io.dataexport.store.blob.LocalBlobStore;
import io.dataexport.store.blob.LocalKeyProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dataexport keys}: rotation and re-encryption of the blob keys of a data directory, and new
 * keys for the configuration.
 */
class KeysCommandTest {
  @TempDir Path data;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aRotatedKeyTakesOverAndReencryptionFreesTheOldOne() throws Exception {
    byte[] payload = "a parked notification".getBytes(StandardCharsets.UTF_8);
    String oldKey = LocalKeyProvider.open(data).primaryKeyId();
    LocalBlobStore.open(data, LocalKeyProvider.open(data)).put("p1/parked/account/x.blob", payload);

    assertThat(run("keys", "--data", data.toString(), "rotate-blob-key")).isZero();
    String newKey = LocalKeyProvider.open(data).primaryKeyId();
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(out.toString()).contains("New primary blob key: " + newKey).contains("reencrypt");

    assertThat(run("keys", "--data", data.toString(), "reencrypt")).isZero();
    assertThat(out.toString()).contains("Re-encrypted 1 blob(s) under the primary key " + newKey);
    assertThat(run("keys", "--data", data.toString(), "reencrypt")).isZero();
    assertThat(out.toString()).contains("Re-encrypted 0 blob(s)");

    // the old key is no longer needed: the blob opens without it
    Files.delete(LocalKeyProvider.directory(data).resolve(oldKey));
    assertThat(
            LocalBlobStore.open(data, LocalKeyProvider.open(data)).get("p1/parked/account/x.blob"))
        .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
  }

  @Test
  void withAConfigFileRotationAndReencryptionWorkOnTheConfiguredBlobStore() throws Exception {
    Path service = data.resolve("service");
    Files.createDirectories(service);
    Path config = data.resolve("dataexport.yaml");
    Files.writeString(config, "data: " + service + "\nblobs: {type: local}\nkeys: {type: local}\n");
    byte[] payload = "a parked notification".getBytes(StandardCharsets.UTF_8);
    LocalBlobStore.open(service, LocalKeyProvider.open(service)).put("p1/parked/a/x.blob", payload);

    assertThat(run("keys", "--config", config.toString(), "rotate-blob-key")).isZero();
    String newKey = LocalKeyProvider.open(service).primaryKeyId();
    assertThat(out.toString())
        .contains("dataexport keys --config " + config + " --data " + service + " reencrypt");

    assertThat(run("keys", "--config", config.toString(), "reencrypt")).isZero();
    assertThat(out.toString()).contains("Re-encrypted 1 blob(s) under the primary key " + newKey);
  }

  @Test
  void aConfigFileWithMistakesIsRefusedWithItsProblems() throws Exception {
    Path config = data.resolve("dataexport.yaml");
    Files.writeString(config, "data: " + data + "\nkeys: {type: vault, token: Never-Shown-1}\n");

    assertThat(run("keys", "--config", config.toString(), "reencrypt")).isEqualTo(1);

    assertThat(err.toString())
        .contains("keys.type = 'vault': is not installed yet; installed: configured, local")
        .doesNotContain("Never-Shown-1");
  }

  @Test
  void aDataDirectoryThatDoesNotExistIsNamedAndNothingIsCreated() {
    Path missing = data.resolve("nowhere");

    assertThat(run("keys", "--data", missing.toString(), "rotate-blob-key")).isEqualTo(2);

    assertThat(err.toString()).contains(missing.toAbsolutePath() + " does not exist");
    assertThat(err.toString()).doesNotContain("\tat ");
    assertThat(missing).doesNotExist();
  }

  @Test
  void generatePrintsOnlyANewConfiguredKeyLineAndHowToUseIt() {
    assertThat(run("keys", "generate", "--id", "key-2027")).isZero();

    String entry = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(entry).matches("key-2027=[A-Za-z0-9+/]{43}=");
    assertThat(Base64.getDecoder().decode(entry.substring("key-2027=".length()))).hasSize(32);
    KeyProvider configured = ConfiguredKeyProvider.open("key-2027", entry);
    byte[] dataKey = new byte[32];
    assertThat(configured.unwrap(configured.wrap(dataKey))).isEqualTo(dataKey);
    assertThat(err.toString())
        .contains("keys.keys (DATAEXPORT_KEYS_KEYS)")
        .contains("set keys.primaryId (DATAEXPORT_KEYS_PRIMARY_ID) to key-2027")
        .doesNotContain(entry.substring(9));

    assertThat(run("keys", "generate", "--id", "key-2027")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isNotEqualTo(entry);
    assertThat(run("keys", "generate")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .matches("key-\\d{8}-[0-9a-f]{8}=[A-Za-z0-9+/]{43}=");
  }

  @Test
  void generateRefusesAnIdThatCannotBeUsed() {
    assertThat(run("keys", "generate", "--id", "my key")).isEqualTo(2);

    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .contains("'my key' cannot be used")
        .contains("Give it with --id")
        .doesNotContain("\tat ");
  }

  @Test
  void apiKeysAreCreatedOnceListedWithoutTheirSecretAndRevoked() {
    assertThat(
            run("keys", "--data", data.toString(), "create", "--name", "ci", "--role", "operator"))
        .isZero();
    // the test's logging writes to standard output too; the service's goes to standard error
    Matcher printed =
        Pattern.compile("^dxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", Pattern.MULTILINE)
            .matcher(out.toString(StandardCharsets.UTF_8));
    assertThat(printed.find()).isTrue();
    String key = printed.group();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("shown only now");
    String id = key.substring(4, 20);

    assertThat(run("keys", "--data", data.toString(), "list")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(id)
        .contains("ci")
        .contains("operator")
        .contains("never")
        .doesNotContain(key.substring(21));

    assertThat(run("keys", "--data", data.toString(), "create", "--name", "x", "--role", "root"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--role 'root': give one of viewer, operator, admin.");

    assertThat(run("keys", "--data", data.toString(), "revoke", id)).isZero();
    assertThat(run("keys", "--data", data.toString(), "revoke", id)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("There is no API key " + id);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return new CommandLine(new DataExportCommand())
          .setExecutionExceptionHandler(DataExportCommand::handle)
          .execute(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
