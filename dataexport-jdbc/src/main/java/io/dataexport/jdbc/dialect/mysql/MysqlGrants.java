package io.dataexport.jdbc.dialect.mysql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code SHOW GRANTS} (which, unlike {@code information_schema}, includes the
 * privileges of the user's active roles on MariaDB): the privileges that apply to every table of
 * one database, granted globally ({@code *.*}) or on the database, also through a wildcard pattern
 * ({@code `crm\_%`.*}). Table- and column-level grants do not count: the service creates tables.
 */
final class MysqlGrants {
  private static final Pattern GRANT =
      Pattern.compile(
          "^GRANT (.+?) ON (\\*|`(?:[^`]|``)*`|[^\\s.`]+)\\.(\\*|`(?:[^`]|``)*`|\\S+) TO .*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern COLUMN_LIST = Pattern.compile("\\([^)]*\\)");

  private MysqlGrants() {}

  /**
   * The privileges held on every table of {@code database}, upper case ({@code ALL PRIVILEGES}
   * expanded to {@code all}).
   *
   * @param lines the rows of {@code SHOW GRANTS}
   * @param all what {@code ALL PRIVILEGES} stands for
   */
  static Set<String> on(List<String> lines, String database, Set<String> all) {
    Set<String> held = new TreeSet<>();
    for (String line : lines) {
      Matcher grant = GRANT.matcher(line.trim());
      if (!grant.matches() || !grant.group(3).equals("*") || !covers(grant.group(2), database)) {
        continue;
      }
      for (String privilege : COLUMN_LIST.matcher(grant.group(1)).replaceAll("").split(",")) {
        String name = privilege.trim().toUpperCase(Locale.ROOT);
        if (name.equals("ALL") || name.equals("ALL PRIVILEGES")) {
          held.addAll(all);
        } else if (!name.isEmpty()) {
          held.add(name);
        }
      }
    }
    return held;
  }

  /** Whether a grant's database part ({@code *}, {@code `crm`}, {@code `crm\_%`}) covers one. */
  static boolean covers(String target, String database) {
    if (target.equals("*")) {
      return true;
    }
    String name =
        target.startsWith("`")
            ? target.substring(1, target.length() - 1).replace("``", "`")
            : target;
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 1 < name.length()) {
        regex.append(Pattern.quote(String.valueOf(name.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(database).matches();
  }
}
