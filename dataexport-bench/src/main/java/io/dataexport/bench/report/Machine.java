package io.dataexport.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the results were measured on: cores, memory, JDK, load at the start. */
public final class Machine {
  private Machine() {}

  /** A description of this machine for the JSON results. */
  public static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memTotalKiB", procValue("/proc/meminfo", "MemTotal:"));
    machine.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("loadAverageAtStart", loadAverage());
    return machine;
  }

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} gives them. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * A numeric field of a {@code /proc} file such as {@code VmHWM:} of {@code /proc/self/status}.
   *
   * @return the value (kB for memory fields), or -1 when it cannot be read
   */
  public static long procValue(String file, String field) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
