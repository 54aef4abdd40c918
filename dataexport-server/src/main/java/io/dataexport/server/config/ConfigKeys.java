package io.dataexport.server.config;

import io.dataexport.api.error.Typos;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The catalogue of configuration keys: the fixed ones, the open sections whose keys belong to a
 * plugin, how a key is named as an environment variable, and which keys hold secrets. The public
 * constants name the fixed keys, e.g. for the overrides of {@link ServiceConfig#load}. Adding a key
 * to the service adds it to {@link #FIXED} and reads it in its section's record.
 */
public final class ConfigKeys {
  public static final String API_HOST = "api.host";
  public static final String API_PORT = "api.port";
  public static final String API_PUBLIC_URL = "api.publicUrl";
  public static final String API_TLS_KEY_STORE = "api.tls.keyStore";
  public static final String API_TLS_KEY_STORE_PASSWORD = "api.tls.keyStorePassword";
  public static final String API_TLS_CERTIFICATE = "api.tls.certificate";
  public static final String API_TLS_PRIVATE_KEY = "api.tls.privateKey";
  public static final String API_METRICS_PUBLIC = "api.metrics.public";
  public static final String API_AUTH_OIDC_ISSUER = "api.auth.oidc.issuer";
  public static final String API_AUTH_OIDC_AUDIENCE = "api.auth.oidc.audience";
  public static final String API_AUTH_OIDC_ROLES_CLAIM = "api.auth.oidc.rolesClaim";
  public static final String API_AUTH_OIDC_ROLE_MAPPING = "api.auth.oidc.roleMapping";
  public static final String API_AUTH_OIDC_CLIENT_ID = "api.auth.oidc.clientId";
  public static final String API_AUTH_OIDC_CLIENT_SECRET = "api.auth.oidc.clientSecret";
  public static final String API_AUTH_OIDC_SCOPES = "api.auth.oidc.scopes";
  public static final String API_SESSION_HOURS = "api.session.hours";
  public static final String DATA = "data";
  public static final String NODE_ID = "node.id";
  public static final String STORE_URL = "store.url";
  public static final String STORE_USERNAME = "store.username";
  public static final String STORE_PASSWORD = "store.password";
  public static final String STORE_ENCRYPTION_KEY = "store.encryptionKey";
  public static final String BUS_TYPE = "bus.type";
  public static final String BUS_BOOTSTRAP_SERVERS = "bus.bootstrapServers";
  public static final String BUS_TOPIC_PREFIX = "bus.topicPrefix";
  public static final String BUS_PARTITIONS = "bus.partitions";
  public static final String BUS_REPLICATION_FACTOR = "bus.replicationFactor";
  public static final String BLOBS_TYPE = "blobs.type";
  public static final String KEYS_TYPE = "keys.type";
  public static final String CLUSTER_LEASE_SECONDS = "cluster.leaseSeconds";

  /** Open sections: any key under them is passed on (Kafka client settings, plugin settings). */
  static final String BUS_PROPERTIES = "bus.properties.";

  static final String BLOBS = "blobs.";
  static final String KEYS = "keys.";

  static final List<String> FIXED =
      List.of(
          API_HOST,
          API_PORT,
          API_PUBLIC_URL,
          API_TLS_KEY_STORE,
          API_TLS_KEY_STORE_PASSWORD,
          API_TLS_CERTIFICATE,
          API_TLS_PRIVATE_KEY,
          API_METRICS_PUBLIC,
          API_AUTH_OIDC_ISSUER,
          API_AUTH_OIDC_AUDIENCE,
          API_AUTH_OIDC_ROLES_CLAIM,
          API_AUTH_OIDC_ROLE_MAPPING,
          API_AUTH_OIDC_CLIENT_ID,
          API_AUTH_OIDC_CLIENT_SECRET,
          API_AUTH_OIDC_SCOPES,
          API_SESSION_HOURS,
          DATA,
          NODE_ID,
          STORE_URL,
          STORE_USERNAME,
          STORE_PASSWORD,
          STORE_ENCRYPTION_KEY,
          BUS_TYPE,
          BUS_BOOTSTRAP_SERVERS,
          BUS_TOPIC_PREFIX,
          BUS_PARTITIONS,
          BUS_REPLICATION_FACTOR,
          BLOBS_TYPE,
          KEYS_TYPE,
          CLUSTER_LEASE_SECONDS);

  /**
   * The first words of keys with more than one word: an environment variable that begins with one
   * of them is a configuration key, known or not.
   */
  static final List<String> SECTIONS =
      List.of("api", "node", "store", "bus", "blobs", "keys", "cluster");

  static final String ENVIRONMENT_PREFIX = "DATAEXPORT_";

  private static final Map<String, String> FIXED_BY_VARIABLE =
      FIXED.stream()
          .collect(Collectors.toMap(ConfigKeys::environmentVariable, Function.identity()));

  // Keys that hold secrets: passwords, secrets, tokens, credentials, connection strings (which
  // embed an account key), JAAS settings (which embed a password) anywhere in the key, and key
  // material (…Key, …Keys) as the key's last word.
  private static final Pattern SECRET_WORD =
      Pattern.compile(".*(password|secret|token|credential|connectionstring|jaas).*");
  private static final Pattern KEY_MATERIAL = Pattern.compile(".*keys?");
  private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@?;]*@");

  private ConfigKeys() {}

  /** {@code store.encryptionKey} → {@code DATAEXPORT_STORE_ENCRYPTION_KEY}. */
  static String environmentVariable(String key) {
    return ENVIRONMENT_PREFIX
        + key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The fixed key an environment variable sets, if it names one. */
  static Optional<String> fixedKeyOf(String variable) {
    return Optional.ofNullable(FIXED_BY_VARIABLE.get(variable));
  }

  static boolean isFixed(String key) {
    return FIXED.contains(key);
  }

  /** True for keys under an open section, which the service passes on without knowing them. */
  static boolean isOpen(String key) {
    return key.startsWith(BUS_PROPERTIES) || key.startsWith(BLOBS) || key.startsWith(KEYS);
  }

  /** True when the key's value must never be shown: a password, a secret, key material. */
  static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORD.matcher(lower).matches()
        || KEY_MATERIAL.matcher(lower.substring(lower.lastIndexOf('.') + 1)).matches();
  }

  /**
   * The value as a problem may show it: null for a secret key; for a URL, without its user info and
   * parameters (where JDBC URLs and SAS URLs carry passwords and signatures).
   */
  static String printable(String key, String value) {
    if (value == null || isSecret(key)) {
      return null;
    }
    if (!value.contains("://") && !value.startsWith("jdbc:")) {
      return value;
    }
    String shown = URL_USER_INFO.matcher(value).replaceFirst("//****@");
    int parameters = indexOfAny(shown, '?', ';');
    return parameters < 0 ? shown : shown.substring(0, parameters) + "…";
  }

  /**
   * " Did you mean 'x'?" for an unknown key that is close to a known one (a typo, another case, a
   * section given as a value), else "".
   */
  static String suggestion(String unknown) {
    for (String known : FIXED) {
      if (known.startsWith(unknown + ".") || Typos.likely(known, unknown)) {
        return " Did you mean '" + known + "'?";
      }
    }
    return "";
  }

  private static int indexOfAny(String text, char first, char second) {
    int a = text.indexOf(first);
    int b = text.indexOf(second);
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }
}
