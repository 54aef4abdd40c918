package io.dataexport.blob.azure;

import io.dataexport.api.profile.Secret;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.object.ObjectNames;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of the {@code azure} blob store, read from {@code blobs.*}: a connection string, or
 * an account name and key (with the blob endpoint, by default the account's in Azure's public
 * cloud); a container; an optional prefix.
 *
 * @param connectionString the account's connection string, or null
 * @param endpoint the blob service URL when no connection string is given
 * @param accountName the account when no connection string is given
 * @param accountKey the account's key when no connection string is given
 * @param container the container, created when missing
 * @param names how blob keys become blob names (the optional {@code blobs.prefix})
 */
public record AzureSettings(
    Secret connectionString,
    URI endpoint,
    String accountName,
    Secret accountKey,
    String container,
    ObjectNames names) {
  /** Every setting the type reads. */
  public static final Set<String> KEYS =
      Set.of(
          "connectionString",
          "endpoint",
          "accountName",
          "accountKey",
          "container",
          ObjectNames.PREFIX_SETTING);

  // Azure's rules: 3-63 lower-case letters, digits and single hyphens, starting with a letter or
  // digit; account names 3-24 lower-case letters and digits.
  private static final Pattern CONTAINER =
      Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
  private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");

  /**
   * Reads the settings, recording every problem in {@code settings}; the result is only meant to be
   * used when there is none.
   */
  public static AzureSettings read(BlobSettings settings) {
    Optional<Secret> connectionString = settings.secret("connectionString");
    boolean accountGiven =
        settings.has("endpoint") || settings.has("accountName") || settings.has("accountKey");
    URI endpoint = null;
    String accountName = null;
    Secret accountKey = null;
    if (connectionString.isPresent()) {
      checkConnectionString(settings, connectionString.get());
      if (accountGiven) {
        settings.problem(
            "connectionString",
            null,
            "is given together with blobs.endpoint, blobs.accountName or blobs.accountKey: give"
                + " either the connection string or those three, not both.");
      }
    } else {
      accountName =
          settings
              .required(
                  "accountName",
                  "give the storage account's name (with blobs.accountKey), or instead"
                      + " blobs.connectionString.")
              .orElse(null);
      if (accountName != null && !ACCOUNT.matcher(accountName).matches()) {
        settings.problem(
            "accountName",
            accountName,
            "is not a storage account name: 3 to 24 lower-case letters and digits.");
      }
      accountKey = accountKey(settings);
      endpoint =
          settings
              .url("endpoint", "https://<account>.blob.core.windows.net")
              .orElse(
                  accountName == null || settings.has("endpoint")
                      ? null
                      : URI.create("https://" + accountName + ".blob.core.windows.net"));
    }
    String container = container(settings);
    ObjectNames names = ObjectNames.read(settings);
    return new AzureSettings(
        connectionString.orElse(null), endpoint, accountName, accountKey, container, names);
  }

  /** The container and where it is, for messages (never a credential). */
  public String describeContainer() {
    return "container '" + container + "'" + (endpoint == null ? "" : " at " + endpoint);
  }

  private static Secret accountKey(BlobSettings settings) {
    Optional<Secret> key = settings.secret("accountKey");
    if (key.isEmpty()) {
      settings.problem(
          "accountKey",
          null,
          "is required with blobs.accountName: give one of the account's access keys (or instead"
              + " blobs.connectionString).");
      return null;
    }
    try {
      Base64.getDecoder().decode(key.get().reveal().trim());
    } catch (IllegalArgumentException e) {
      settings.problem(
          "accountKey",
          null,
          "is not base64: copy the key as the portal or 'az storage account keys list' shows it.");
    }
    return key.get();
  }

  private static void checkConnectionString(BlobSettings settings, Secret connectionString) {
    boolean wellFormed = true;
    boolean credential = false;
    for (String part : connectionString.reveal().split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals <= 0) {
        wellFormed = false;
        continue;
      }
      String name = part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      credential |=
          name.equals("accountkey")
              || name.equals("sharedaccesssignature")
              || name.equals("usedevelopmentstorage");
    }
    if (!wellFormed || !credential) {
      settings.problem(
          "connectionString",
          null,
          "is not a storage connection string with a credential: copy it from the storage"
              + " account's 'Access keys' (it has AccountName=…;AccountKey=…), or give"
              + " blobs.accountName and blobs.accountKey instead.");
    }
  }

  private static String container(BlobSettings settings) {
    Optional<String> container =
        settings.required("container", "give the container the blobs go to (created if missing).");
    if (container.isPresent() && !CONTAINER.matcher(container.get()).matches()) {
      settings.problem(
          "container",
          container.get(),
          "is not a container name: 3 to 63 lower-case letters, digits and single hyphens,"
              + " beginning and ending with a letter or digit.");
    }
    return container.orElse(null);
  }
}
