package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.blob.s3.S3ProxyServer;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.server.auth.Role;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real headless Chromium against a running service and the emulator (SPEC
 * §10): an administrator signs in with the first admin key, creates a profile through the wizard
 * (connect lists the emulator's entities; a problem shows next to its field; validate; save),
 * activates it, sees the initial-sync progress bars reach 100 % and a change made in the emulator
 * arrive in the counters and the live chart, resyncs an entity, opens the failure log of a record
 * the destination refused (filters it by entity, resyncs the failed records) and downloads it as
 * CSV, deactivates and signs out; a viewer then sees no action buttons, and an action forced from
 * the page with the session cookie and CSRF token is refused with 403; the administrator finally
 * deletes the profile by typing its name. A failure log of two pages is paged by the service, page
 * by page in the browser. Sign-in is by keyboard. axe-core checks every page for serious and
 * critical accessibility violations. A single node offers no Cluster page; a node on shared stores
 * (PostgreSQL, Kafka, S3: a cluster) does, and it is checked the same way. With {@code
 * -Dconsole.screenshots=DIR} each page is saved there as a PNG (the README's pictures).
 */
class ConsoleBrowserTest {
  private static final String POISON = "POISON";

  @TempDir Path data;
  private DataverseEmulator emulator;
  private ServiceNode node;
  private ConsoleBrowser browser;
  private String base;

  private S3ProxyServer s3;
  private String storeSchema;

  @BeforeEach
  void start() throws Exception {
    browser = new ConsoleBrowser(Files.createDirectories(data.resolve("browser")));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (node != null) {
        node.close();
      }
      if (emulator != null) {
        emulator.close();
      }
      if (s3 != null) {
        s3.close();
      }
      if (storeSchema != null) {
        PostgresqlTestSchema.executeAsTest("DROP SCHEMA IF EXISTS \"" + storeSchema + "\" CASCADE");
      }
    }
  }

  /** Starts a single node on its embedded stores, and the emulator. */
  private void startSingleNode() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(50));
    node =
        ServiceNode.start(
            data.resolve("service"),
            "127.0.0.1",
            0,
            SyncSettings.defaults().withPollInterval(Duration.ofMillis(200)));
    base = "http://127.0.0.1:" + node.port();
  }

  /**
   * A node on shared stores (PostgreSQL, Kafka, S3) is a cluster: GET /cluster answers 200, so the
   * console offers its Cluster page, which lists the node, live, and the leases.
   */
  @Test
  void aClusterNodeShowsTheClusterPage() throws Exception {
    storeSchema = "console" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    PostgresqlTestSchema.executeAsTest("CREATE SCHEMA \"" + storeSchema + "\"");
    s3 = S3ProxyServer.start();
    s3.createBucket("dataexport");
    ServiceConfig config = SharedStoresConfig.of(data.resolve("node"), storeSchema, s3);
    node = ServiceNode.start(config, SyncSettings.defaults());
    base = "http://127.0.0.1:" + node.port();

    browser.open(base + "/");
    signIn(node.firstKey().orElseThrow().token());
    browser.click("#nav a[href='#/cluster']");
    browser.awaitHeading("Cluster");
    WebElement row = browser.awaitVisible("tr[data-node='" + config.node().id() + "']");
    assertThat(row.getText()).contains("live");
    assertThat(browser.find("#cluster-summary").getText()).contains("1 of 1 node(s) live");
    browser.assertAccessible("cluster page");
    browser.screenshot("cluster");
  }

  @Test
  void anAdministratorRunsAProfileAndAViewerOnlyWatches() throws Exception {
    startSingleNode();
    Path sqlite = data.resolve("console.sqlite");
    String adminKey = node.firstKey().orElseThrow().token();
    String viewerKey = node.keys().issue("console-viewer", Role.VIEWER).token();

    browser.open(base + "/");
    browser.awaitVisible("#api-key");
    browser.assertAccessible("sign-in page");
    browser.screenshot("sign-in");
    signIn(adminKey);

    String id = createProfileThroughTheWizard(sqlite);

    browser.awaitHeading("console-demo");
    browser.click("#activate");
    for (String entity : List.of("account", "contact")) {
      browser.await(
          60,
          "the initial sync of " + entity + " at 100 %",
          d ->
              "100"
                  .equals(
                      browser
                          .find("progress[data-progress='" + entity + "']")
                          .getDomProperty("value")));
    }
    browser.assertAccessible("profile page");
    browser.screenshot("profile");

    // the history counts per 5 s interval from its first reading: change after that reading
    browser.await(
        20,
        "the first sample of the live chart",
        d -> highest(browser.find("svg.chart-throughput").getDomAttribute("aria-label")) >= 0);
    long before = counter("account", "succeededNotifications");
    poisonAccountsInTheDestination(sqlite);
    MadeAccounts made = changeAccountsInTheEmulator();
    browser.await(
        30,
        "the changed account in the succeeded counter (was " + before + ")",
        d -> counter("account", "succeededNotifications") > before);
    browser.await(
        30,
        "the refused account in the failed counter",
        d -> counter("account", "failedNotifications") == 1);
    browser.await(
        25,
        "the throughput and lag charts drawn from GET /history, the changes in the throughput",
        d ->
            highest(browser.find("svg.chart-throughput").getDomAttribute("aria-label")) > 0
                && browser.all("svg.chart-throughput polyline").size() == 1
                && browser.all("svg.chart-lag polyline").size() == 1);

    browser.click("button[aria-label='Resync contact']");
    browser.driver().switchTo().alert().accept();
    browser.await(
        20, "the resync's answer in the notice", d -> !browser.find("#notice").getText().isBlank());

    browser.click("#failures-link");
    browser.awaitHeading("Failure log of console-demo");
    browser.await(
        20, "the failure in the table", d -> browser.find("#failures tbody td").isDisplayed());
    assertThat(browser.find("#failures tbody").getText()).contains(made.poisoned());
    assertThat(browser.find(".pager").getText()).contains("Page 1 of 1");
    browser.assertAccessible("failure log page");
    browser.screenshot("failures");
    browser.select("#entity-filter", "contact");
    browser.awaitVisible("#no-failures");
    browser.select("#entity-filter", "account");
    browser.await(
        10,
        "the account's failure again",
        d -> browser.find("#failures tbody").getText().contains(made.poisoned()));
    browser.click("#resync-failures");
    browser.await(
        20,
        "the failure resync's answer in the notice",
        d -> browser.find("#notice").getText().toLowerCase().contains("resync"));
    browser.click("#download-csv");
    List<String> csv = Files.readAllLines(browser.awaitDownload("failures-" + id + ".csv"));
    assertThat(csv.getFirst())
        .isEqualTo("entity,recordId,changeType,syncTime,reason,attempts,firstFailedAt,failedAt");
    assertThat(csv).as("the header and the refused account").hasSize(2);
    assertThat(csv.get(1)).startsWith("account," + made.poisoned() + ",upsert");

    browser.open(base + "/#/profiles/" + id);
    browser.awaitHeading("console-demo");
    browser.click("#deactivate");
    browser.awaitVisible("#activate");
    assertThat(browser.find("#summary").getText()).contains("inactive");

    browser.open(base + "/#/");
    browser.await(
        20,
        "the profile in the overview",
        d -> browser.find("tr[data-profile='" + id + "']").isDisplayed());
    assertThat(browser.find("#overview").getText()).contains("console-demo", "inactive");
    assertThat(browser.all("#nav a[href='#/cluster']"))
        .as("no Cluster page on a single node (GET /cluster answers 404)")
        .isEmpty();
    browser.assertAccessible("profiles overview");
    browser.screenshot("overview");
    browser.open(base + "/#/audit");
    browser.awaitHeading("Audit log");
    browser.await(
        20,
        "the audit entries",
        d -> browser.find("#audit").getText().contains("profile.activate"));
    assertThat(browser.find("#audit").getText())
        .contains("profile.create", "entity.resync", "failures.resync", "profile.deactivate");
    browser.assertAccessible("audit log page");
    browser.screenshot("audit");

    browser.click("#sign-out");
    browser.awaitVisible("#api-key");
    signIn(viewerKey);
    browser.open(base + "/#/profiles/" + id);
    browser.awaitHeading("console-demo");
    browser.await(
        20, "the entity rows", d -> browser.find("tr[data-entity='account']").isDisplayed());
    assertThat(browser.all("#actions button, #actions a"))
        .as("a viewer's action buttons")
        .isEmpty();
    assertThat(browser.all("#entities button")).as("a viewer's resync buttons").isEmpty();
    assertThat(browser.all("#nav a[href='#/profiles/new'], #nav a[href='#/audit']")).isEmpty();
    browser.assertAccessible("profile page as a viewer");
    String forced =
        browser.callAsync(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/session').then(r => r.json())"
                + ".then(s => fetch('/api/v1/profiles/"
                + id
                + "/activate', {method: 'POST', headers: {'X-CSRF-Token': s.csrfToken}}))"
                + ".then(r => done(String(r.status))).catch(e => done('error ' + e));");
    assertThat(forced).as("a viewer's forced activation").isEqualTo("403");
    browser.click("#failures-link");
    browser.awaitHeading("Failure log of console-demo");
    assertThat(browser.all("#resync-failures")).as("a viewer's failure resync button").isEmpty();
    browser.open(base + "/#/audit");
    browser.awaitHeading("Audit log");
    assertThat(browser.find("main").getText()).contains("for the admin role");

    browser.click("#sign-out");
    browser.awaitVisible("#api-key");
    signIn(adminKey);
    browser.open(base + "/#/profiles/" + id);
    browser.awaitHeading("console-demo");
    browser.click("#delete");
    browser.type("#confirm-name", "console-dem");
    assertThat(browser.find("#confirm-delete").isEnabled()).as("delete before the name").isFalse();
    browser.type("#confirm-name", "console-demo");
    browser.click("#confirm-delete");
    browser.awaitHeading("Profiles");
    browser.await(
        20, "the profile gone", d -> browser.all("tr[data-profile='" + id + "']").isEmpty());
    assertThat(node.profiles().list()).as("profiles after the delete").isEmpty();
  }

  /**
   * A failure log longer than a page comes from the service a page at a time: the total, Next to
   * the last page (where Next is off and the focus moves to Previous), Previous back, the entity
   * filter; the console never asks for the whole log.
   */
  @Test
  void aFailureLogLongerThanAPageIsReadAPageAtATime() throws Exception {
    startSingleNode();
    Path sqlite = data.resolve("paged.sqlite");
    String id =
        node.profiles()
            .create(
                SyncFixture.profile("paged-log", emulator, sqlite, false)
                    .put("retryCount", 1)
                    .put("retryIntervalSeconds", 1))
            .id();
    node.profiles().activate(id);
    awaitStatus(
        id,
        "the initial sync of every entity",
        status -> {
          boolean done = !status.path("entities").isEmpty();
          for (JsonNode entity : status.path("entities")) {
            done &= entity.path("initialSyncState").asText().equals("completed");
          }
          return done;
        });
    poisonAccountsInTheDestination(sqlite);
    EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
    Set<String> poisoned = new TreeSet<>();
    for (int i = 0; i < 30; i++) {
      poisoned.add(create(account, POISON + " account " + i).toString());
    }
    awaitStatus(
        id,
        "the 30 refused accounts in the failure log",
        status -> status.path("failureLogRecords").asLong() == 30);

    browser.open(base + "/");
    signIn(node.firstKey().orElseThrow().token());
    browser.open(base + "/#/profiles/" + id + "/failures");
    browser.awaitHeading("Failure log of paged-log");
    awaitPage("Page 1 of 2");
    assertThat(browser.find("#failures caption").getText())
        .isEqualTo("30 failed record(s); 1–25 shown");
    List<String> first = recordIdsShown();
    assertThat(first).hasSize(25);
    assertThat(browser.find("#previous-page").isEnabled()).as("Previous on page 1").isFalse();
    browser.assertAccessible("failure log page of two pages");

    browser.click("#next-page");
    awaitPage("Page 2 of 2");
    List<String> second = recordIdsShown();
    assertThat(second).hasSize(5).doesNotContainAnyElementsOf(first);
    assertThat(browser.find("#failures caption").getText())
        .isEqualTo("30 failed record(s); 26–30 shown");
    assertThat(browser.find("#next-page").isEnabled()).as("Next on the last page").isFalse();
    assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id"))
        .as("the focus, once Next is off")
        .isEqualTo("previous-page");
    Set<String> seen = new TreeSet<>(first);
    seen.addAll(second);
    assertThat(seen).as("every refused account, once").isEqualTo(poisoned);
    browser.assertAccessible("failure log page, last page");

    browser.click("#previous-page");
    awaitPage("Page 1 of 2");
    assertThat(recordIdsShown()).isEqualTo(first);
    browser.select("#entity-filter", "contact");
    browser.awaitVisible("#no-failures");
    assertThat(browser.find(".pager").getText()).contains("Page 1 of 1");
    browser.select("#entity-filter", "account");
    awaitPage("Page 1 of 2");
    assertThat(recordIdsShown()).isEqualTo(first);

    String asked =
        browser.callAsync(
            "arguments[arguments.length - 1](JSON.stringify(performance"
                + ".getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => n.includes('/api/v1/profiles/') && n.includes('/failures'))));");
    assertThat(new ObjectMapper().readerForListOf(String.class).<List<String>>readValue(asked))
        .as("the console's requests for the failure log")
        .hasSizeGreaterThanOrEqualTo(5)
        .allMatch(url -> url.contains("limit=25"), "asks for a page of 25");
  }

  private void awaitPage(String position) {
    browser.await(
        20,
        "'" + position + "' under the failure log",
        d -> browser.find("#page-position").getText().equals(position));
  }

  /** The record ids of the failure log's rows shown, top to bottom. */
  private List<String> recordIdsShown() {
    return browser.all("#failures tbody tr td:nth-child(2)").stream()
        .map(WebElement::getText)
        .toList();
  }

  private JsonNode awaitStatus(String id, String what, Predicate<JsonNode> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode status;
    do {
      status = node.profiles().status(id).toJson();
      if (done.test(status)) {
        return status;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(what + " within 60 s; the status is " + status);
  }

  /** Signs in by keyboard: the key typed into the focused field, then Enter. */
  private void signIn(String key) {
    browser.awaitVisible("#api-key");
    browser.await(
        10,
        "the focus in the key field",
        d -> "api-key".equals(browser.driver().switchTo().activeElement().getDomAttribute("id")));
    browser.driver().switchTo().activeElement().sendKeys(key, Keys.ENTER);
    browser.awaitHeading("Profiles");
  }

  /** The highest value a chart's accessible summary states, or -1 before it has samples. */
  private static double highest(String summary) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("highest ([0-9.]+)")
            .matcher(summary == null ? "" : summary);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  /** The wizard: connect, pick two entities, an SQLite destination, a problem shown, save. */
  private String createProfileThroughTheWizard(Path sqlite) throws Exception {
    browser.click("#nav a[href='#/profiles/new']");
    browser.awaitHeading("New profile");
    browser.type("#f-source-url", emulator.baseUrl().toString().replaceAll("/$", ""));
    browser.type("#f-source-auth-tokenUrl", emulator.tokenUrl().toString());
    browser.type("#f-source-auth-clientId", EmulatorSettings.DEFAULT_CLIENT_ID);
    browser.type("#f-source-auth-clientSecret", EmulatorSettings.DEFAULT_CLIENT_SECRET);
    browser.click("#connect");
    browser.awaitVisible("#entity-account");
    assertThat(browser.find("#entity-list").getText()).contains("contact", "lead");
    browser.type("#catalog-search", "contact");
    browser.await(10, "the search to filter", d -> browser.all("#entity-account").isEmpty());
    browser.click("#entity-contact");
    browser.type("#catalog-search", "account");
    browser.click("#entity-account");
    browser.find("#catalog-search").clear();
    browser.type("#f-destination-jdbcUrl", "jdbc:sqlite:" + sqlite.toAbsolutePath());
    browser.type("#f-retryCount", "1");
    browser.type("#f-retryIntervalSeconds", "1");

    browser.click("#validate");
    WebElement nameError = browser.awaitVisible("#f-name-error");
    assertThat(nameError.getText()).contains("name");
    assertThat(browser.find("#f-name").getDomAttribute("aria-invalid")).isEqualTo("true");
    browser.type("#f-name", "console-demo");
    browser.click("#validate");
    browser.awaitVisible("#valid");
    assertThat(browser.find("#f-name-error").isDisplayed()).isFalse();
    browser.assertAccessible("profile wizard");
    browser.screenshot("wizard");

    browser.click("#save");
    browser.awaitHeading("console-demo");
    String url = browser.driver().getCurrentUrl();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  /** An entity's counter as the profile page shows it. */
  private long counter(String entity, String name) {
    String text =
        browser
            .find("tr[data-entity='" + entity + "'] td[data-counter='" + name + "']")
            .getText()
            .replace(",", "");
    return text.matches("\\d+") ? Long.parseLong(text) : -1;
  }

  /** The destination refuses accounts named POISON… (a trigger), as a broken column would. */
  private static void poisonAccountsInTheDestination(Path sqlite) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 10000");
      statement.execute(
          "CREATE TRIGGER console_poison BEFORE INSERT ON account WHEN NEW.name LIKE '"
              + POISON
              + "%' BEGIN SELECT RAISE(ABORT, 'console_poison refuses this row'); END");
    }
  }

  /** The ids of the accounts made in the emulator: one fine, one the destination refuses. */
  private record MadeAccounts(String fine, String poisoned) {}

  private MadeAccounts changeAccountsInTheEmulator() {
    EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
    UUID fine = create(account, "Made while watching the console");
    UUID poisoned = create(account, POISON + " account");
    return new MadeAccounts(fine.toString(), poisoned.toString());
  }

  private UUID create(EntityDefinition account, String name) {
    Object[] values = new Object[account.attributes().size()];
    values[account.indexOf("name")] = name;
    return emulator.store().create(account, values).id();
  }
}
