/**
 * The service's configuration ({@code server --config FILE}, SPEC §8): {@link
 * io.dataexport.server.config.ServiceConfig} and one record per section, read from the embedded
 * defaults, a YAML file, {@code DATAEXPORT_…} environment variables and command-line flags (each
 * winning over the one before), and checked as a whole before the service opens anything.
 *
 * <pre>
 * ConfigFile            YAML → flat keys (nested or dotted)
 * EnvironmentVariables  DATAEXPORT_STORE_URL → store.url, …
 * ConfigReader          typed reads collecting every problem; unknown keys with "did you mean"
 * ConfigKeys            the fixed keys, the open sections (bus.properties, blobs, keys), secrets
 * TlsConfig             api.tls.*: the key store or PEM files, opened and checked at start
 * InstalledPlugins      bus.type, blobs.type, keys.type found with ServiceLoader; plugin checks
 * </pre>
 */
package io.dataexport.server.config;
