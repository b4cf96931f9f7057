package dev.corral.dist.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through the system's chromedriver (both paths given, so
 * Selenium never looks for or downloads a driver), pointed at one Corral server. Helpers for what
 * every UI test does: open a route, wait for a condition (never sleep), take a screenshot, and
 * check that the browser console holds no errors and that no request left the server's origin.
 *
 * <p>Not thread-safe: one test thread drives one browser.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Upper bound of any wait: a wait ends as soon as its condition holds. */
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Where screenshots go: test artifacts of corral-dist. */
  public static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  private final String baseUrl;
  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final List<String> expectedConsoleErrors = new ArrayList<>();

  private Browser(String baseUrl, Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.baseUrl = baseUrl;
    this.profile = profile;
    this.service = service;
    this.driver = driver;
  }

  /**
   * Starts Chromium for a server at {@code baseUrl}. Aborts the test when Chromium or
   * chromedriver is not installed, except under CI=true where that fails it.
   */
  public static Browser start(String baseUrl) throws IOException {
    requireInstalled(CHROMIUM, "chromium");
    requireInstalled(CHROMEDRIVER, "chromium-driver");
    Path profile = Files.createTempDirectory("corral-ui-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,800", "--user-data-dir=" + profile,
        // no host but the server's resolves: a request leaving 127.0.0.1 fails loudly in the console
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().withSilent(true).build();
    try {
      return new Browser(baseUrl, profile, service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  private static void requireInstalled(Path binary, String debianPackage) {
    if (Files.isExecutable(binary)) {
      return;
    }
    String reason = binary + " not found; install the Debian package " + debianPackage;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI=true: the browser tests must run)");
    }
    Assumptions.abort(reason);
  }

  /** The WebDriver, for what the helpers do not cover. */
  public WebDriver driver() {
    return driver;
  }

  /** The server's base URL. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Loads the UI afresh at a route such as {@code #/search?q=level:ERROR} (or "" for the landing
   * page) and waits for the page module to mount.
   */
  public void open(String hashRoute) {
    driver.get(baseUrl + "/" + hashRoute);
    waitUntil("the page to mount", d -> !d.findElements(By.cssSelector("#page > *")).isEmpty());
    ((JavascriptExecutor) driver).executeScript("performance.setResourceTimingBufferSize(100000)");
  }

  /** Reloads the page as the user's F5 would. */
  public void reload() {
    driver.navigate().refresh();
    waitUntil("the page to mount", d -> !d.findElements(By.cssSelector("#page > *")).isEmpty());
  }

  /** Waits for an element to be visible and returns it. */
  public WebElement visible(String css) {
    return new WebDriverWait(driver, WAIT).withMessage("waiting for a visible " + css)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits for an element to be present (visible or not) and returns it. */
  public WebElement present(String css) {
    return new WebDriverWait(driver, WAIT).withMessage("waiting for " + css)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  /** Waits for a visible element whose text contains {@code text}. */
  public WebElement visibleWithText(String css, String text) {
    return waitUntil("a visible " + css + " containing '" + text + "'", d -> d.findElements(By.cssSelector(css)).stream()
        .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
  }

  /** Waits until {@code condition} returns something other than null or false, and returns it. */
  public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage("waiting for " + what)
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** All elements matching a selector, now. */
  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Runs a script in the page and returns its value. */
  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Calls an exported function of one of the UI's modules in the page (for example
   * {@code call("/ui/lib/time.js", "autoSpan", 0, 900000)}) and answers its result as JSON text;
   * a Promise is awaited. Arguments and results cross as JSON.
   *
   * @throws IllegalStateException when the module cannot be loaded or the function throws
   */
  public String call(String module, String function, Object... args) {
    Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
        const [module, name, args, done] = arguments;
        import(module)
          .then(async (m) => done({ ok: JSON.stringify(await m[name](...args)) ?? 'undefined' }))
          .catch((e) => done({ error: String((e && e.stack) || e) }));""", module, function, List.of(args));
    if (!(result instanceof Map<?, ?> answer)) {
      throw new IllegalStateException("BUG: the call script answered " + result);
    }
    if (answer.containsKey("error")) {
      throw new IllegalStateException(module + " " + function + " failed: " + answer.get("error"));
    }
    return String.valueOf(answer.get("ok"));
  }

  /** The part of the URL after '#', decoded. */
  public String hash() {
    return String.valueOf(script("return decodeURIComponent(location.hash)"));
  }

  /** A parameter of the route in the URL's hash ({@code #/search?q=…}), or "" when absent. */
  public String hashParam(String name) {
    return String.valueOf(script("const h = location.hash; const i = h.indexOf('?');"
        + "return i < 0 ? '' : (new URLSearchParams(h.slice(i + 1)).get(arguments[0]) ?? '')", name));
  }

  /** Writes a PNG of the window to {@code target/ui-screenshots/<name>.png} and returns its path. */
  public Path screenshot(String name) {
    Path file = SCREENSHOTS.resolve(name + ".png");
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write screenshot " + file.toAbsolutePath(), e);
    }
    return file;
  }

  /**
   * Declares that the console may hold an error containing {@code fragment} during the current
   * test (a test that provokes a 400 sees Chromium log the failed request). Cleared by
   * {@link #assertCleanConsoleAndLocalRequests}.
   */
  public void expectConsoleError(String fragment) {
    expectedConsoleErrors.add(fragment);
  }

  /**
   * Fails when the console logged an error (other than expected ones) since the last check, or
   * when the page loaded anything from another origin than the server's.
   */
  public void assertCleanConsoleAndLocalRequests() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
          && expectedConsoleErrors.stream().noneMatch(entry.getMessage()::contains)) {
        errors.add(entry.getMessage());
      }
    }
    expectedConsoleErrors.clear();
    @SuppressWarnings("unchecked")
    List<String> urls = (List<String>) script(
        "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))");
    List<String> foreign = urls.stream()
        .filter(url -> !url.startsWith(baseUrl + "/") && !url.startsWith("data:") && !url.startsWith("blob:")).toList();
    Assertions.assertAll(
        () -> Assertions.assertTrue(errors.isEmpty(), "browser console errors: " + errors),
        () -> Assertions.assertTrue(foreign.isEmpty(), "requests that left " + baseUrl + ": " + foreign));
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
