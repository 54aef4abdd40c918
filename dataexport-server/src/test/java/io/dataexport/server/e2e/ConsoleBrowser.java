package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which .ci/run
 * installs) driven through its chromedriver, with the checks the console's browser test makes on
 * every page: axe-core's accessibility rules and, when asked, a screenshot. Selenium Manager never
 * runs: the driver and the browser are named explicitly, so nothing is downloaded.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver driver;
  private final String axe;
  private final Path screenshots;
  private final Path downloads;

  /**
   * @param profile a fresh directory for the browser's profile and downloads
   * @throws AssertionError when Chromium, its driver or axe-core is missing: never skipped
   */
  ConsoleBrowser(Path profile) throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "the console's browser tests need Debian's chromium at %s and chromedriver at %s:"
                + " apt-get install chromium chromium-driver (.ci/run does it when they are"
                + " missing)",
            CHROMIUM, CHROMEDRIVER)
        .isTrue();
    String axePath = System.getProperty("dataexport.axe.js", "");
    assertThat(Path.of(axePath))
        .as(
            "axe-core (dataexport.axe.js = '%s'): the Maven build installs it with npm ci into"
                + " target/console-axe; run the tests through Maven",
            axePath)
        .isRegularFile();
    this.axe = Files.readString(Path.of(axePath));
    String target = System.getProperty("console.screenshots");
    this.screenshots = target == null || target.isBlank() ? null : Path.of(target);
    this.downloads = Files.createDirectories(profile.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1280,800",
        "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")));
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits up to {@code seconds} for the condition to be non-null and not false. */
  <T> T await(int seconds, String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .pollingEvery(Duration.ofMillis(200))
        .withMessage(what)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition);
  }

  /** Waits until an element matching {@code css} is displayed; returns it. */
  WebElement awaitVisible(String css) {
    return await(20, css + " visible", d -> find(css).isDisplayed() ? find(css) : null);
  }

  /** Waits until the page's main heading reads {@code text}. */
  void awaitHeading(String text) {
    await(20, "heading '" + text + "'", d -> find("main h1").getText().equals(text));
  }

  void type(String css, String text) {
    WebElement input = awaitVisible(css);
    input.clear();
    input.sendKeys(text);
  }

  void click(String css) {
    awaitVisible(css).click();
  }

  /** Picks the option with this value in a select, as a user would (its change event fires). */
  void select(String css, String value) {
    new Select(awaitVisible(css)).selectByValue(value);
  }

  /** Runs a script in the page that calls back (its last argument) with a string. */
  String callAsync(String script) {
    return (String) ((JavascriptExecutor) driver).executeAsyncScript(script);
  }

  /**
   * Runs axe-core on the page as it is; fails naming each serious or critical violation (rule, help
   * text and the elements).
   */
  void assertAccessible(String page) throws IOException {
    JavascriptExecutor js = driver;
    js.executeScript(axe);
    String result =
        callAsync(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id,"
                + " impact: v.impact, help: v.help,"
                + " nodes: v.nodes.map(n => n.target.join(' '))})))))"
                + ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical',"
                + " help: String(e), nodes: []}])));");
    List<String> serious = new ArrayList<>();
    for (JsonNode violation : JSON.readTree(result)) {
      String impact = violation.path("impact").asText();
      if (impact.equals("serious") || impact.equals("critical")) {
        serious.add(
            impact
                + " "
                + violation.path("id").asText()
                + ": "
                + violation.path("help").asText()
                + " at "
                + violation.path("nodes"));
      }
    }
    assertThat(serious).as("axe-core's serious or critical violations on the " + page).isEmpty();
  }

  /** Saves the viewport as {@code <name>.png} when run with -Dconsole.screenshots=DIR. */
  void screenshot(String name) throws IOException {
    if (screenshots == null) {
      return;
    }
    Files.createDirectories(screenshots);
    // no focus ring in the picture; the focus goes back after it, as the test may rely on it
    Object focused =
        driver.executeScript(
            "window.scrollTo(0, 0); const f = document.activeElement; f.blur(); return f;");
    Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    if (focused instanceof WebElement element) {
      driver.executeScript("arguments[0].focus();", element);
    }
  }

  /** Waits for a finished download (no partial .crdownload left) and returns its path. */
  Path awaitDownload(String fileName) {
    Path file = downloads.resolve(fileName);
    return await(
        30,
        "download of " + fileName + " into " + downloads,
        d ->
            Files.isRegularFile(file) && !Files.exists(Path.of(file + ".crdownload"))
                ? file
                : null);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
