package io.dataexport.jdbc.dialect.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.TestEntities;
import io.dataexport.jdbc.dialect.ExistingColumn;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.schema.DesTableNames;
import io.dataexport.jdbc.schema.EntityTable;
import io.dataexport.jdbc.schema.ServiceTables;
import io.dataexport.jdbc.schema.TableDefinition;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.write.WriteStatements;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SQL the SQL Server dialect generates. No SQL Server can run where these tests run, so this is
 * all that checks the dialect: it is not yet verified against a live server.
 */
class SqlServerDialectTest {
  private final SqlServerDialect dialect = new SqlServerDialect();
  private final DestinationConfig config =
      new DestinationConfig(
          "sqlserver", "jdbc:sqlserver://db:1433;databaseName=crm", "u", null, null, "s");
  private final DesTableNames names = new DesTableNames(config, dialect);
  private final EntityTable account = EntityTable.of(TestEntities.account(), names);

  @Test
  void theEntityTableIsCreatedInDboWithNvarcharUniqueidentifierAndDatetime2() {
    TableDefinition table = account.definition();

    String ddl = dialect.createTable(table.name(), table.columns(), table.primaryKey());

    assertThat(ddl)
        .startsWith("CREATE TABLE [dbo].[s_account] ([Id] uniqueidentifier NOT NULL, ")
        .contains("[name] nvarchar(160), ")
        .contains("[description] nvarchar(max), ")
        .contains("[numberofemployees] int, ")
        .contains("[new_bigcount] bigint, ")
        .contains("[exchangerate] decimal(38, 10), ")
        .contains("[address1_latitude] float, ")
        .contains("[revenue] decimal(38, 4), ")
        .contains("[donotemail] bit, ")
        .contains("[createdon] datetime2(7), ")
        .contains("[new_foundedon] date, ")
        .contains(
            "[primarycontactid] uniqueidentifier, [primarycontactid_entitytype] nvarchar(128)")
        .contains("[new_channels] nvarchar(max), ")
        .endsWith(
            "[versionnumber] bigint NOT NULL, [SinkCreatedOn] datetime2(7) NOT NULL,"
                + " [SinkModifiedOn] datetime2(7) NOT NULL, PRIMARY KEY ([Id]))");
  }

  @Test
  void uninstallingDropsExactlyTheServiceTablesByTheirBracketedQualifiedNames() {
    ServiceTables tables = new ServiceTables(dialect, names);

    List<String> drops =
        Stream.concat(
                tables.entityTables(List.of("account", "accountleads")).stream(),
                tables.sharedTables().stream())
            .map(tables::drop)
            .toList();

    assertThat(drops)
        .containsExactly(
            "DROP TABLE [dbo].[s_account]",
            "DROP TABLE [dbo].[s_accountleads]",
            "DROP TABLE [dbo].[s_OptionSetMetadata]",
            "DROP TABLE [dbo].[s_GlobalOptionSetMetadata]",
            "DROP TABLE [dbo].[s_StateMetadata]",
            "DROP TABLE [dbo].[s_StatusMetadata]",
            "DROP TABLE [dbo].[s_TargetMetadata]",
            "DROP TABLE [dbo].[s_AttributeMetadata]",
            "DROP TABLE [dbo].[s_dataexport_tombstones]",
            "DROP TABLE [dbo].[s_DeleteLog]");
  }

  @Test
  void sharedTablesAreAskedForAndClearedOfTheDroppedEntitiesRowsOnly() {
    ServiceTables tables = new ServiceTables(dialect, names);
    TableName attributes = names.table("AttributeMetadata");

    assertThat(tables.otherEntitiesExist(attributes, 2))
        .isEqualTo(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM [dbo].[s_AttributeMetadata] WHERE"
                + " [EntityName] NOT IN (?, ?)) THEN 1 ELSE 0 END");
    assertThat(tables.otherEntitiesExist(attributes, 0))
        .isEqualTo(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM [dbo].[s_AttributeMetadata]) THEN 1 ELSE 0"
                + " END");
    assertThat(tables.deleteRowsOf(names.deleteLog(), 2))
        .isEqualTo("DELETE FROM [dbo].[s_DeleteLog] WHERE [EntityName] IN (?, ?)");
  }

  @Test
  void theUpsertIsAMergeWithHoldlockGuardedByTheVersion() {
    assertThat(
            new WriteStatements(dialect, names.deleteLog(), names.tombstones()).tombstoneUpsert())
        .isEqualTo(
            "MERGE INTO [dbo].[s_dataexport_tombstones] WITH (HOLDLOCK) AS [target] USING (VALUES"
                + " (?, ?, ?, ?)) AS [source] ([EntityName], [RecordId], [VersionNumber],"
                + " [DeletedAt]) ON [target].[EntityName] = [source].[EntityName] AND"
                + " [target].[RecordId] = [source].[RecordId] WHEN MATCHED AND"
                + " ([target].[VersionNumber] IS NULL OR [source].[VersionNumber] >="
                + " [target].[VersionNumber]) THEN UPDATE SET [VersionNumber] ="
                + " [source].[VersionNumber], [DeletedAt] = [source].[DeletedAt] WHEN NOT MATCHED"
                + " THEN INSERT ([EntityName], [RecordId], [VersionNumber], [DeletedAt]) VALUES"
                + " ([source].[EntityName], [source].[RecordId], [source].[VersionNumber],"
                + " [source].[DeletedAt]);");
  }

  @Test
  void theEntityUpsertNeverUpdatesSinkCreatedOn() {
    String merge = dialect.upsert(account.upsert());

    assertThat(merge).startsWith("MERGE INTO [dbo].[s_account] WITH (HOLDLOCK) AS [target] ");
    assertThat(merge.substring(merge.indexOf("THEN UPDATE SET"), merge.indexOf("WHEN NOT MATCHED")))
        .contains("[SinkModifiedOn] = [source].[SinkModifiedOn]")
        .doesNotContain("[SinkCreatedOn]")
        .doesNotContain("[Id] =");
    assertThat(merge).endsWith(";");
  }

  @Test
  void deletesLogsAndTombstonesAreParameterisedAndQuoted() {
    WriteStatements sql = new WriteStatements(dialect, names.deleteLog(), names.tombstones());

    assertThat(sql.rowDelete(account))
        .isEqualTo(
            "DELETE FROM [dbo].[s_account] WHERE [Id] = ? AND ([versionnumber] IS NULL OR"
                + " [versionnumber] <= ?)");
    assertThat(sql.deleteLogInsert())
        .isEqualTo(
            "INSERT INTO [dbo].[s_DeleteLog] ([EntityName], [RecordId], [SinkDeleteTime],"
                + " [VersionNumber]) VALUES (?, ?, ?, ?)");
    assertThat(sql.tombstoneSelect(2))
        .isEqualTo(
            "SELECT [RecordId], [VersionNumber] FROM [dbo].[s_dataexport_tombstones] WHERE"
                + " [EntityName] = ? AND [RecordId] IN (?, ?)");
  }

  @Test
  void newColumnsAreAddedWithoutTheColumnKeywordAndStringsWidenInPlace() {
    TableName table = new TableName("dbo", "s_account");
    ExistingColumn name160 = new ExistingColumn("name", "nvarchar", 160);

    assertThat(dialect.addColumn(table, ColumnDefinition.text("new_code", 20).required()))
        .isEqualTo("ALTER TABLE [dbo].[s_account] ADD [new_code] nvarchar(20)");
    assertThat(dialect.widenColumn(table, ColumnDefinition.text("name", 400), name160))
        .contains("ALTER TABLE [dbo].[s_account] ALTER COLUMN [name] nvarchar(400) NULL");
    assertThat(dialect.widenColumn(table, ColumnDefinition.text("name", 5000), name160))
        .contains("ALTER TABLE [dbo].[s_account] ALTER COLUMN [name] nvarchar(max) NULL");
    assertThat(
            dialect.widenColumn(
                table,
                ColumnDefinition.text("name", 5000),
                new ExistingColumn("name", "nvarchar", Integer.MAX_VALUE)))
        .isEmpty();
    assertThat(dialect.widenColumn(table, ColumnDefinition.text("name", 100), name160)).isEmpty();
  }

  @Test
  void identityKeysAndSchemasAreDeclaredTheSqlServerWay() {
    TableDefinition deleteLog = io.dataexport.jdbc.schema.DeleteLogTable.definition(names);

    assertThat(dialect.createTable(deleteLog.name(), deleteLog.columns(), deleteLog.primaryKey()))
        .startsWith("CREATE TABLE [dbo].[s_DeleteLog] ([Id] bigint IDENTITY(1,1) PRIMARY KEY, ");
    assertThat(new SqlServerAccess(dialect).createSchema("export"))
        .isEqualTo("CREATE SCHEMA [export]");
    assertThat(dialect.quote("we]ird")).isEqualTo("[we]]ird]");
    assertThat(dialect.schema(null)).isEqualTo("dbo");
  }

  @Test
  void missingPermissionsAreNamedWithTheGrantsThatFixThem() {
    List<Problem> problems =
        new SqlServerPrivileges("dataexport", "export", true, Set.of("SELECT", "INSERT"), false)
            .problems();

    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly(
            "user [dataexport] lacks CREATE TABLE in the database (the service creates its"
                + " tables). Grant it: GRANT CREATE TABLE TO [dataexport];",
            "user [dataexport] lacks ALTER, UPDATE, DELETE on schema [export] (the service alters"
                + " its tables as the source evolves, and writes and reads them). Grant them:"
                + " GRANT ALTER, SELECT, INSERT, UPDATE, DELETE ON SCHEMA::[export] TO"
                + " [dataexport];");
    assertThat(
            new SqlServerPrivileges("dataexport", "export", false, Set.of("CREATE TABLE"), false)
                .problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains("CREATE SCHEMA [export] AUTHORIZATION [dataexport];")
                    .contains("GRANT CREATE SCHEMA TO [dataexport];"));
    assertThat(
            new SqlServerPrivileges(
                    "dataexport",
                    "export",
                    true,
                    Set.of("CREATE TABLE", "ALTER", "SELECT", "INSERT", "UPDATE", "DELETE"),
                    false)
                .problems())
        .isEmpty();
  }

  @Test
  void errorsAreClassifiedByTheirNumbers() {
    for (int code : List.of(1205, 1222, -2, 3960)) {
      assertThat(classify(code)).as("%d", code).isEqualTo(SqlFailureKind.RETRIABLE);
    }
    for (int code : List.of(1105, 9002, 40613, 40501, 40197, 10928, 40544)) {
      assertThat(classify(code)).as("%d", code).isEqualTo(SqlFailureKind.UNAVAILABLE);
    }
    for (int code : List.of(2627, 2601, 8152, 547)) {
      assertThat(classify(code)).as("%d", code).isEqualTo(SqlFailureKind.PERMANENT);
    }
    for (int code : List.of(208, 229, 18456)) {
      assertThat(classify(code)).as("%d", code).isEqualTo(SqlFailureKind.CONFIGURATION);
    }
  }

  private SqlFailureKind classify(int code) {
    return dialect.errorClassifier().classify(new SQLException("x", "S0001", code));
  }
}
