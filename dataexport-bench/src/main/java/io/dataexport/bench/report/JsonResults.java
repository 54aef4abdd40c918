package io.dataexport.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a run's results as JSON, one file per run: {@code <dir>/<UTC timestamp>.json}. */
public final class JsonResults {
  private static final DateTimeFormatter FILE_NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private JsonResults() {}

  /**
   * Writes the results.
   *
   * @param options the options the run was started with, as given
   * @return the file written
   */
  public static Path write(
      Path directory,
      Instant started,
      Map<String, Object> options,
      List<ScenarioResult> results,
      Map<String, Object> machine)
      throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("started", started.toString());
    document.put("finished", Instant.now().toString());
    document.put("machine", machine);
    document.put("options", options);
    document.put("results", results);
    Path file = directory.resolve(FILE_NAME.format(started) + ".json");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), document);
    return file;
  }
}
