package io.croupier.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
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
 * One headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) with a profile of its own, started for
 * one role's session. This machine's network is closed, so everything Chromium would fetch by itself is turned off.
 * It keeps the browser console's messages, so a test can prove a page logged no error.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private final Path profile;

    private final String consoleUrl;

    private Browser(ChromeDriver driver, Path profile, String consoleUrl) {
        this.driver = driver;
        this.profile = profile;
        this.consoleUrl = consoleUrl;
    }

    /** @param consoleUrl the console's URL on the front door, ending in {@code /console/} */
    static Browser open(String consoleUrl) {
        try {
            Path profile = Files.createTempDirectory("croupier-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(executable("chromium"));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1366, 900));
            return new Browser(driver, profile, consoleUrl);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String executable(String name) {
        for (String directory : List.of("/usr/bin", "/usr/lib/chromium")) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed: apt-get install -y chromium chromium-driver");
    }

    /** Opens a page of the console by its hash, e.g. {@code dashboard}. */
    void go(String page) {
        driver.get(consoleUrl + "#/" + page);
    }

    void logIn(String username, String password) {
        driver.get(consoleUrl);
        WebElement user = await(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("log-in")).click();
    }

    /** Waits for an element to show; when it does not, says what the page showed and logged instead. */
    WebElement await(By locator) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
        }
        catch (TimeoutException e) {
            throw new AssertionError("no " + locator + " on " + driver.getCurrentUrl() + ", which shows:\n"
                    + driver.findElement(By.tagName("body")).getText() + "\nand logged: " + consoleProblems(), e);
        }
    }

    void awaitGone(By locator) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
            .until(ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    /** The text of an element once it shows, found again if the page redraws it meanwhile. */
    String text(By locator) {
        await(locator);
        return new WebDriverWait(driver, Duration.ofSeconds(20))
            .ignoring(StaleElementReferenceException.class)
            .until(browser -> browser.findElement(locator).getText());
    }

    List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Writes what the browser shows to {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console's warnings and errors since the last call (reading them empties the log). */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .map(LogEntry::toString)
            .toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
