package io.dataexport.jdbc.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.ExistingColumn;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQL the MySQL/MariaDB dialect generates, its URL handling and its reading of grants. */
class MysqlDialectTest {
  private final MysqlDialect dialect = new MysqlDialect();

  @Test
  void everyAssignmentOfTheUpsertIsGuardedAndTheVersionIsAssignedLast() {
    UpsertStatement upsert =
        new UpsertStatement(
            new TableName(null, "s_account"),
            List.of("Id", "name", "versionnumber", "SinkCreatedOn", "SinkModifiedOn"),
            List.of("Id"),
            List.of("SinkCreatedOn"),
            "versionnumber");
    String guard = "(`versionnumber` IS NULL OR VALUES(`versionnumber`) >= `versionnumber`)";

    assertThat(dialect.upsert(upsert))
        .isEqualTo(
            "INSERT INTO `s_account` (`Id`, `name`, `versionnumber`, `SinkCreatedOn`,"
                + " `SinkModifiedOn`) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE `name` = IF("
                + guard
                + ", VALUES(`name`), `name`), `SinkModifiedOn` = IF("
                + guard
                + ", VALUES(`SinkModifiedOn`), `SinkModifiedOn`), `versionnumber` = IF("
                + guard
                + ", VALUES(`versionnumber`), `versionnumber`)");
  }

  @Test
  void tablesAreUtf8mb4AndStringsBeyond255CharactersAreLongtext() {
    String ddl =
        dialect.createTable(
            new TableName("crm", "t"),
            List.of(
                ColumnDefinition.of("Id", ColumnKind.GUID).required(),
                ColumnDefinition.text("short", 255),
                ColumnDefinition.text("long", 256)),
            List.of("Id"));

    assertThat(ddl)
        .isEqualTo(
            "CREATE TABLE `crm`.`t` (`Id` char(36) CHARACTER SET ascii COLLATE ascii_general_ci"
                + " NOT NULL, `short` varchar(255), `long` longtext, PRIMARY KEY (`Id`))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  @Test
  void aWideEntityKeepsWithinTheRowLimitByTurningItsLongestStringsIntoLongtext() {
    List<ColumnDefinition> columns = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      columns.add(ColumnDefinition.text("s" + i, i == 7 ? 250 : 200));
    }

    List<ColumnDefinition> fitted = RowSizeBudget.fit(columns);

    assertThat(fitted.stream().mapToInt(RowSizeBudget::bytes).sum())
        .isLessThanOrEqualTo(RowSizeBudget.BYTES);
    assertThat(fitted.get(7).length()).isNull();
    assertThat(fitted).extracting(ColumnDefinition::name).isEqualTo(names(columns));
    assertThat(RowSizeBudget.fit(columns.subList(0, 10))).isEqualTo(columns.subList(0, 10));
  }

  @Test
  void wideningModifiesTheColumnAndKeepsItsNullability() {
    TableName table = new TableName(null, "s_account");
    ExistingColumn varchar160 = new ExistingColumn("name", "varchar", 160);

    assertThat(dialect.widenColumn(table, ColumnDefinition.text("name", 200), varchar160))
        .contains("ALTER TABLE `s_account` MODIFY COLUMN `name` varchar(200) NULL");
    assertThat(
            dialect.widenColumn(table, ColumnDefinition.text("name", 400).required(), varchar160))
        .contains("ALTER TABLE `s_account` MODIFY COLUMN `name` longtext NOT NULL");
    assertThat(dialect.widenColumn(table, ColumnDefinition.text("name", 100), varchar160))
        .isEmpty();
    assertThat(
            dialect.widenColumn(
                table,
                ColumnDefinition.text("name", 100_000),
                new ExistingColumn("name", "longtext", Integer.MAX_VALUE)))
        .isEmpty();
  }

  @Test
  void jdbcMysqlUrlsAreOpenedWithTheMariadbDriverAndMustNameADatabase() {
    assertThat(new MysqlUrl("jdbc:mysql://db:3306/crm?ssl=true").forDriver())
        .isEqualTo("jdbc:mariadb://db:3306/crm?ssl=true");
    assertThat(new MysqlUrl("jdbc:mariadb://db/crm?x=1").database()).isEqualTo("crm");
    assertThat(new MysqlUrl("jdbc:mariadb://db/").database()).isNull();
    assertThat(dialect.validate(config("jdbc:mysql://db/", null)))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("names no database"));
    assertThat(dialect.validate(config("jdbc:mysql://db/", "crm"))).isEmpty();
    assertThat(dialect.validate(config("jdbc:postgresql://db/crm", null))).hasSize(1);
  }

  @Test
  void grantsCoverADatabaseGloballyByNameOrByPattern() {
    Set<String> all = MysqlAccess.NEEDED;
    List<String> grants =
        List.of(
            "GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED BY PASSWORD '*ABC'",
            "GRANT SELECT, INSERT ON `crm`.* TO `u`@`%`",
            "GRANT UPDATE (`name`) ON `crm`.`account` TO `u`@`%`",
            "GRANT CREATE ON `cr\\_%`.* TO `u`@`%`",
            "GRANT `reporting` TO `u`@`%`",
            "GRANT DELETE ON `other`.* TO `u`@`%`");

    assertThat(MysqlGrants.on(grants, "crm", all)).containsExactly("INSERT", "SELECT", "USAGE");
    assertThat(MysqlGrants.on(grants, "cr_x", all)).containsExactly("CREATE", "USAGE");
    assertThat(MysqlGrants.on(grants, "crxx", all)).containsExactly("USAGE");
    assertThat(MysqlGrants.on(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`%`"), "x", all))
        .containsAll(all);
  }

  @Test
  void accountsAreWrittenAsMysqlQuotesThem() {
    assertThat(MysqlAccess.account("dataexport@%")).isEqualTo("'dataexport'@'%'");
    assertThat(MysqlAccess.account("o'neil@10.0.0.1")).isEqualTo("'o''neil'@'10.0.0.1'");
  }

  @Test
  void errorsAreClassifiedByTheirCodes() {
    for (int code : List.of(1213, 1205, 1317, 1969, 3024)) {
      assertThat(classify(code)).as("%d", code).isEqualTo(SqlFailureKind.RETRIABLE);
    }
    for (int code : List.of(1040, 2006, 2013, 1927, 2002, 2003, 1021, 1114)) {
      assertThat(classify(code)).as("%d", code).isEqualTo(SqlFailureKind.UNAVAILABLE);
    }
    for (int code : List.of(1062, 1406, 1264, 1366, 1452)) {
      assertThat(classify(code)).as("%d", code).isEqualTo(SqlFailureKind.PERMANENT);
    }
    for (int code : List.of(1142, 1146, 1054, 1045)) {
      assertThat(classify(code)).as("%d", code).isEqualTo(SqlFailureKind.CONFIGURATION);
    }
    assertThat(classify(9999)).isNull();
  }

  private SqlFailureKind classify(int code) {
    return dialect.errorClassifier().classify(new SQLException("x", "HY000", code));
  }

  private static DestinationConfig config(String url, String schema) {
    return new DestinationConfig("mysql", url, null, null, schema, null);
  }

  private static List<String> names(List<ColumnDefinition> columns) {
    return columns.stream().map(ColumnDefinition::name).toList();
  }
}
