package io.dataexport.server.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --log-format text|json} of the commands that run the service. JSON logs ({@code
 * logback-json.xml}, logstash-logback-encoder) are one object per line with {@code time}, {@code
 * level}, {@code logger}, {@code thread}, {@code message}, and {@code profile}, {@code entity},
 * {@code recordId} where the line is about one. Without the option the environment variable {@value
 * #ENVIRONMENT} decides, else text ({@code logback.xml}).
 */
final class LogFormatOption {
  static final String ENVIRONMENT = "DATAEXPORT_LOG_FORMAT";

  /** The two formats. */
  enum Format {
    text,
    json
  }

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "Log lines as text or json (one object per line). Default: the environment variable "
              + ENVIRONMENT
              + ", else text.")
  Format format;

  /** Configures logging for the chosen format (the text format is configured already). */
  void apply() {
    Format chosen = format != null ? format : fromEnvironment();
    if (chosen != Format.json) {
      return;
    }
    URL json = LogFormatOption.class.getResource("/logback-json.xml");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(json);
    } catch (JoranException e) {
      throw new IllegalStateException("The JSON logging configuration cannot be read: " + e, e);
    }
  }

  private static Format fromEnvironment() {
    String value = System.getenv(ENVIRONMENT);
    if (value == null || value.isBlank()) {
      return Format.text;
    }
    try {
      return Format.valueOf(value.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          ENVIRONMENT + " is '" + value + "'; set it to text or json, or leave it unset.", e);
    }
  }
}
