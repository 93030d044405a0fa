package dev.tandem.server.e2e;

import dev.tandem.server.ServerConfig;
import dev.tandem.server.TandemServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat widget in a real browser against a real server: the demo storefront at {@code /},
 * the offline answerer over the demo knowledge folder, Debian's chromium driven headless.
 * Skipped with {@code -Dtandem.skipBrowser=true} or where chromium is not installed.
 * With {@code -Dtandem.screenshot=true} it also refreshes {@code docs/screenshot-widget.png}.
 */
class WidgetBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path DOCS_SCREENSHOT = Path.of("..", "docs", "screenshot-widget.png");
    private static final Path ARTIFACTS = Path.of("target", "widget-it"); // a picture of every test's last state

    private static final String WARRANTY_QUESTION = "may loc nuoc bao hanh bao lau";
    private static final String MARKUP = "<img src=x onerror=\"window.__xss=1\">";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(45);

    private static final By LAUNCHER = testId("tandem-launcher");
    private static final By PANEL = testId("tandem-panel");
    private static final By INPUT = testId("tandem-input");
    private static final By MESSAGES = By.cssSelector("[data-testid=tandem-messages] [data-testid=tandem-message]");
    private static final By BOT_MESSAGES = By.cssSelector("[data-testid=tandem-message][data-role=bot]");
    private static final By USER_MESSAGES = By.cssSelector("[data-testid=tandem-message][data-role=user]");
    private static final By MESSAGE_TEXT = testId("tandem-message-text");
    private static final By CITATIONS = testId("tandem-citation");

    @TempDir
    static Path dataDir;
    private static TandemServer server;

    @TempDir
    Path browserProfile;
    private ChromeDriver browser;
    private String home;

    @BeforeAll
    static void startServer() {
        assumeFalse(Boolean.getBoolean("tandem.skipBrowser"), "browser tests skipped with -Dtandem.skipBrowser=true");
        assumeTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM);
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER);
        // Name the driver explicitly so that Selenium Manager never looks for (or downloads) one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());

        var config = ServerConfig.fromEnv(Map.of(
                "TANDEM_PORT", "0",
                "TANDEM_DATA_DIR", dataDir.toString(),
                "TANDEM_KNOWLEDGE_DIR", Path.of("../demo/knowledge").toAbsolutePath().toString()));
        server = TandemServer.start(config);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @BeforeEach
    void openBrowser() {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=vi-VN", "--user-data-dir=" + browserProfile);
        // one driver process per browser: quit() stops the service it was given
        var driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driverService, options);
        home = "http://localhost:" + server.port() + "/";
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        if (browser == null) return;
        try {
            Files.createDirectories(ARTIFACTS);
            String name = test.getTestMethod().map(m -> m.getName()).orElse("test") + ".png";
            Files.write(ARTIFACTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("could not keep a screenshot: " + e);
        } finally {
            browser.quit();
        }
    }

    @Test
    void answers_a_warranty_question_with_a_cited_source() throws IOException {
        // given
        openStorefrontAndWidget();

        // when
        send(WARRANTY_QUESTION);

        // then
        WebElement answer = awaitBotAnswers(1).getFirst();
        assertThat(answer.findElement(MESSAGE_TEXT).getText()).contains("24");
        List<WebElement> citations = answer.findElements(CITATIONS);
        assertThat(citations)
                .as("numbered sources under the answer")
                .isNotEmpty()
                .anySatisfy(citation -> {
                    assertThat(citation.getTagName()).isEqualTo("a");
                    assertThat(citation.getDomProperty("href")).startsWith("http");
                    assertThat(citation.getText().toLowerCase(Locale.ROOT)).contains("bảo hành");
                });
        assertThat(citations.getFirst().getText()).startsWith("[1]");
        assertThat(answer.findElements(testId("tandem-marker")))
                .as("[n] markers in the text link to their source in the list")
                .isNotEmpty()
                .allSatisfy(marker -> assertThat(answer.findElements(By.cssSelector(marker.getDomAttribute("href")))).hasSize(1));
        assertThat(userMessages()).singleElement().extracting(m -> m.getDomAttribute("data-state")).isEqualTo("sent");

        if (Boolean.getBoolean("tandem.screenshot")) {
            // a laptop-sized viewport for the README picture; the window's own size varies by headless mode
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
            await().atMost(Duration.ofSeconds(5)).until(() -> js("return innerHeight").equals(800L)
                    && js("return document.getAnimations().filter(a => a.effect.getComputedTiming().iterations !== Infinity"
                    + " && a.playState === 'running').length").equals(0L));
            Files.createDirectories(DOCS_SCREENSHOT.getParent());
            Files.write(DOCS_SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void a_reload_restores_the_transcript_with_one_copy_of_each_message() {
        // given
        openStorefrontAndWidget();
        send(WARRANTY_QUESTION);
        awaitBotAnswers(1);
        List<String> before = transcript();
        assertThat(before).hasSize(2);

        // when the page reloads
        browser.navigate().refresh();

        // then the chat is back, open, and the replay after reconnecting adds nothing twice
        awaitSynced();
        awaitTranscript(before);

        // when the widget forgets how far it got, the server replays everything
        js("localStorage.setItem('tandem.lastSeq', '0')");
        browser.navigate().refresh();

        // then each seq is still shown once
        awaitSynced();
        awaitTranscript(before);
    }

    @Test
    void markup_in_a_message_is_shown_as_text() {
        // given
        openStorefrontAndWidget();

        // when
        send(MARKUP);

        // then
        await().atMost(ANSWER_TIMEOUT).untilAsserted(() ->
                assertThat(userMessages()).singleElement().satisfies(m -> assertThat(m.getDomAttribute("data-state")).isEqualTo("sent")));
        awaitBotAnswers(1);
        assertThat(userMessages().getFirst().findElement(MESSAGE_TEXT).getText()).isEqualTo(MARKUP);
        assertThat(browser.findElements(By.cssSelector("#tandem-root img"))).isEmpty();
        assertThat(js("return typeof window.__xss")).isEqualTo("undefined");

        // and after a reload, rendered again from storage and replay, it is still text
        browser.navigate().refresh();
        awaitSynced();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(userMessages().getFirst().findElement(MESSAGE_TEXT).getText()).isEqualTo(MARKUP));
        assertThat(browser.findElements(By.cssSelector("#tandem-root img"))).isEmpty();
        assertThat(js("return typeof window.__xss")).isEqualTo("undefined");
    }

    @Test
    void a_thumb_and_talk_to_a_human_reach_the_server() {
        // given
        openStorefrontAndWidget();
        send(WARRANTY_QUESTION);
        WebElement answer = awaitBotAnswers(1).getFirst();

        // when
        answer.findElement(testId("tandem-feedback-up")).click();
        browser.findElement(testId("tandem-escalate")).click();

        // then
        assertThat(answer.findElement(testId("tandem-feedback-up")).getDomAttribute("aria-pressed")).isEqualTo("true");
        await().atMost(ANSWER_TIMEOUT).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(testId("tandem-status")).getDomAttribute("data-state")).isEqualTo("waiting_agent"));
        assertThat(browser.findElements(testId("tandem-note"))).as("a line saying a person was asked for").isNotEmpty();
        assertThat(browser.findElement(testId("tandem-escalate")).isEnabled()).isFalse();
    }

    @Test
    void on_a_phone_the_panel_fills_the_screen_and_escape_closes_it() {
        // given a 390×844 phone screen
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));

        // when
        openStorefrontAndWidget();

        // then: measured once the panel's opening animation has ended (a loaded machine may still be mid-animation)
        ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const panel = document.querySelector('[data-testid=tandem-panel]');
                Promise.all(panel.getAnimations({subtree: true}).map(a => a.finished)).then(() => done(), () => done());""");
        @SuppressWarnings("unchecked")
        var box = (Map<String, Number>) js("""
                const r = document.querySelector('[data-testid=tandem-panel]').getBoundingClientRect();
                return {left: r.left, top: r.top, width: r.width, height: r.height,
                        viewportWidth: innerWidth, viewportHeight: innerHeight};""");
        assertThat(box.get("viewportWidth").intValue()).isEqualTo(390);
        assertThat(box.get("left").doubleValue()).isZero();
        assertThat(box.get("top").doubleValue()).isZero();
        assertThat(box.get("width").doubleValue()).isEqualTo(box.get("viewportWidth").doubleValue());
        assertThat(box.get("height").doubleValue()).isEqualTo(box.get("viewportHeight").doubleValue());
        assertThat(browser.findElement(INPUT).equals(browser.switchTo().activeElement())).as("focus in the input").isTrue();

        // when
        browser.findElement(INPUT).sendKeys(Keys.ESCAPE);

        // then
        assertThat(browser.findElement(PANEL).isDisplayed()).isFalse();
        assertThat(browser.findElement(LAUNCHER).equals(browser.switchTo().activeElement())).as("focus back on the launcher").isTrue();
    }

    // ------------------------------------------------------------------ helpers

    @Test
    void a_demo_b2b_contact_gets_its_own_contract_terms() {
        // given: the storefront's demo picker signs the visitor in as the distributor Phương Nam
        browser.get(home);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> browser.findElement(testId("demo-identity-wrap")).isDisplayed());
        new org.openqa.selenium.support.ui.Select(browser.findElement(testId("demo-identity"))).selectByValue("c-pn-001");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> "c-pn-001".equals(js("return document.getElementById('demo-identity').value"))
                        && js("return window.TandemIdentityToken") != null);
        browser.findElement(LAUNCHER).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(INPUT).isDisplayed());
        awaitSynced();

        // when
        send("hợp đồng của chúng tôi bảo hành máy lọc nước bao lâu?");

        // then
        WebElement answer = awaitBotAnswers(1).getFirst();
        assertThat(answer.findElement(MESSAGE_TEXT).getText()).contains("36 tháng");
        assertThat(answer.findElements(CITATIONS)).anySatisfy(c -> assertThat(c.getText()).contains("HĐ-2025-PN-014"));
    }

    private void openStorefrontAndWidget() {
        browser.get(home);
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(LAUNCHER).isEmpty());
        browser.findElement(LAUNCHER).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(INPUT).isDisplayed());
        awaitSynced();
    }

    private void send(String text) {
        WebElement input = browser.findElement(INPUT);
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** The widget said hello, got its welcome, and has every event up to the server's lastSeq. */
    private void awaitSynced() {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> "true".equals(browser.findElement(PANEL).getDomAttribute("data-synced")));
    }

    private List<WebElement> awaitBotAnswers(int count) {
        // count, and readable: a message fading in has no visible text yet
        await().atMost(ANSWER_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> browser.findElements(BOT_MESSAGES).size() >= count
                        && browser.findElements(MESSAGES).stream().noneMatch(m -> m.findElement(MESSAGE_TEXT).getText().isBlank()));
        return browser.findElements(BOT_MESSAGES);
    }

    /** Waits out the fade-in (hidden text reads as empty) but not a late duplicate: synced came first. */
    private void awaitTranscript(List<String> expected) {
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> assertThat(transcript()).isEqualTo(expected));
    }

    private List<WebElement> userMessages() {
        return browser.findElements(USER_MESSAGES);
    }

    /** "seq role: text" for every rendered message, in order. */
    private List<String> transcript() {
        return browser.findElements(MESSAGES).stream()
                .map(m -> m.getDomAttribute("data-seq") + " " + m.getDomAttribute("data-role") + ": " + m.findElement(MESSAGE_TEXT).getText())
                .toList();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid=" + id + "]");
    }
}
