package io.dataexport.store.bus;

import io.dataexport.store.io.DurableFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed offset of every consumer group in every partition: the first offset the group has
 * not acknowledged (everything below is applied). One small file per group, {@code groups/<encoded
 * name>.offsets}, with a line {@code <partition> <offset>} per partition, replaced atomically on
 * every commit. Thread-safe.
 */
final class ConsumerGroups {
  private static final String SUFFIX = ".offsets";

  private final Path directory;
  private final int partitions;
  private final Map<String, long[]> committed = new HashMap<>();

  private ConsumerGroups(Path directory, int partitions) {
    this.directory = directory;
    this.partitions = partitions;
  }

  /** Loads the groups stored in {@code directory}, dropping temporary files a crash left. */
  static ConsumerGroups load(Path directory, int partitions) throws IOException {
    DurableFiles.createDirectories(directory);
    ConsumerGroups groups = new ConsumerGroups(directory, partitions);
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(SUFFIX)) {
        String group = GroupNames.decode(name.substring(0, name.length() - SUFFIX.length()));
        groups.committed.put(group, groups.read(file));
      } else if (name.endsWith(".tmp")) {
        Files.deleteIfExists(file);
      }
    }
    return groups;
  }

  /**
   * The group's committed offsets, registering it at {@code startOffsets} when it is new (so that
   * from now on nothing it has not consumed is deleted).
   */
  synchronized long[] join(String group, long[] startOffsets) throws IOException {
    long[] offsets = committed.get(group);
    if (offsets == null) {
      commit(group, startOffsets);
      offsets = startOffsets;
    }
    return offsets.clone();
  }

  /** The group's committed offset in a partition, or -1 when the group is unknown. */
  synchronized long committed(String group, int partition) {
    long[] offsets = committed.get(group);
    return offsets == null ? -1 : offsets[partition];
  }

  /** Stores the group's committed offsets durably. */
  synchronized void commit(String group, long[] offsets) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (int partition = 0; partition < partitions; partition++) {
      text.writeBytes(
          (partition + " " + offsets[partition] + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    DurableFiles.writeAtomically(file(group), text.toByteArray());
    committed.put(group, offsets.clone());
  }

  /**
   * The lowest committed offset of any group in a partition: records below it are applied by every
   * group. -1 when there is no group yet, so nothing is deleted before anyone consumed it.
   */
  synchronized long lowestCommitted(int partition) {
    return committed.values().stream().mapToLong(offsets -> offsets[partition]).min().orElse(-1);
  }

  private Path file(String group) {
    return directory.resolve(GroupNames.encode(group) + SUFFIX);
  }

  private long[] read(Path file) throws IOException {
    long[] offsets = new long[partitions];
    Arrays.fill(offsets, -1);
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      String[] fields = line.trim().split(" ");
      if (fields.length == 2) {
        int partition = Integer.parseInt(fields[0]);
        if (partition >= 0 && partition < partitions) {
          offsets[partition] = Long.parseLong(fields[1]);
        }
      }
    }
    for (int partition = 0; partition < partitions; partition++) {
      if (offsets[partition] < 0) {
        throw new IllegalStateException(
            file
                + " has no committed offset for partition "
                + partition
                + "; the file is damaged. Delete it to let the group start again from the oldest"
                + " record kept (applied records are then delivered again, which is harmless).");
      }
    }
    return offsets;
  }

  /** Group names made safe as file names: letters, digits, '-', '_' and '.' stay; others %XX. */
  static final class GroupNames {
    private GroupNames() {}

    static String encode(String group) {
      StringBuilder name = new StringBuilder();
      for (byte b : group.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if ((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '-'
            || c == '_'
            || (c == '.' && name.length() > 0)) {
          name.append(c);
        } else {
          name.append('%').append(String.format("%02X", b & 0xff));
        }
      }
      return name.toString();
    }

    static String decode(String name) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c == '%' && i + 2 < name.length()) {
          bytes.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          bytes.write(c);
        }
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
