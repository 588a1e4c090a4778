package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless chromium through chromedriver) against the hub with the distribution's
 * plugins and a local fake of WhatsApp's Graph API: one browser session walks what an admin does, in order. Skipped,
 * saying why, when chromium or chromedriver is not installed. With {@code -Dponte.screenshots=docs/console} it saves
 * screenshots of the main pages there (relative to the project root).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String WA_TOKEN = "EAAGponteConsoleAccessToken0123456789";
    private static final String APP_SECRET = "ponte-console-app-secret-9a8b";
    private static final String CUSTOMER = "5511987650001";
    private static final String QUESTION = "Oi! Tem o tênis azul no 38?";
    // collects CSP violations and uncaught errors from the first line of every page on
    private static final String WATCH = """
            window.__problems = [];
            document.addEventListener('securitypolicyviolation',
              e => window.__problems.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));
            window.addEventListener('error', e => window.__problems.push('error ' + e.message));
            window.addEventListener('unhandledrejection', e => window.__problems.push('rejection ' + e.reason));
            """;

    private FakeGraphApi graph;
    private TestHub hub;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path screenshots;
    private String wa;
    private String conversation;
    private final List<String> problems = new ArrayList<>();
    private String missing;

    @BeforeAll
    void start() {
        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            missing = "the console's browser test needs chromium and chromedriver on the PATH or "
                    + "PONTE_TEST_BROWSER_PATH (Debian: apt-get install -y chromium chromium-driver); found chromium="
                    + chromium.map(Path::toString).orElse("none") + ", chromedriver="
                    + driver.map(Path::toString).orElse("none");
            return;
        }
        graph = new FakeGraphApi(PHONE_NUMBER_ID, WA_TOKEN).start();
        hub = TestHub.builder().pluginsDir(Distribution.plugins()).start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
        wait = new WebDriverWait(browser, WAIT);
        // the console re-renders a list when the change stream says something changed: an element a condition just
        // found can be replaced before it is read (seen once: a thread's message, as a status report arrived)
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.pollingEvery(Duration.ofMillis(100));
        String dir = System.getProperty("ponte.screenshots");
        if (dir != null && !dir.isBlank()) {
            screenshots = Path.of(System.getProperty("ponte.root.dir", ".")).resolve(dir).normalize();
        }
    }

    /** Each flow is reported skipped, with the reason, when there is no browser to drive. */
    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(missing == null, missing);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
        if (graph != null) {
            graph.close();
        }
    }

    @Test
    @Order(1)
    void signs_in_with_an_api_key_kept_for_the_tab_only() {
        browser.get(hub.baseUrl() + "/console");
        WebElement key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("apiKey")));
        key.sendKeys("pk_not_a_key", Keys.ENTER);
        assertThat(waitText(".signin .message.error")).contains("the bearer token is not valid");

        key.clear();
        key.sendKeys(TestHub.ADMIN_TOKEN, Keys.ENTER);
        waitHeading("Overview");
        assertThat(browser.findElement(By.id("who")).getText()).contains("bootstrap token", "write", "all tenants");
        assertThat(browser.executeScript("return sessionStorage.getItem('ponte.apiKey')"))
                .isEqualTo(TestHub.ADMIN_TOKEN);
        assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.findElements(By.cssSelector("#nav a"))).extracting(WebElement::getText)
                .contains("Connections", "Routes", "Conversations", "Deliveries", "Plugins", "Tenants & keys");
        checkPage();
    }

    @Test
    @Order(2)
    void creates_a_connection_from_its_config_schema_tests_it_and_runs_an_action() {
        nav("Connections");
        waitHeading("Connections");
        click(By.linkText("New connection"));
        new Select(waitVisible(By.id("connector"))).selectByValue("whatsapp-cloud");
        WebElement accessToken = waitVisible(By.id("cfg-accessToken"));
        assertThat(accessToken.getAttribute("type")).as("secrets are masked").isEqualTo("password");
        assertThat(label("cfg-phoneNumberId")).contains("phoneNumberId (required)");
        assertThat(browser.findElement(By.id("cfg-apiBaseUrl-hint")).getText()).contains("Default:");
        browser.findElement(By.id("name")).sendKeys("shop number");
        browser.findElement(By.id("cfg-phoneNumberId")).sendKeys(PHONE_NUMBER_ID);
        accessToken.sendKeys(WA_TOKEN);
        browser.findElement(By.id("cfg-appSecret")).sendKeys(APP_SECRET);
        click(By.cssSelector("button[aria-label='Generate verifyToken']"));
        browser.findElement(By.id("cfg-apiBaseUrl")).sendKeys(graph.baseUrl());
        click(By.xpath("//button[@type='submit' and text()='Create']"));

        waitHeading("Saved shop number");
        String webhook = waitText("output[data-copy='webhook URL']");
        String verifyToken = browser.findElement(By.cssSelector("output[data-copy='verifyToken']")).getText();
        JsonNode created = hub.get("/api/v1/connections").json().get("items").get(0);
        wa = created.get("id").asText();
        assertThat(webhook).isEqualTo(hub.baseUrl() + "/hooks/" + wa);
        assertThat(created.get("config").get("accessToken").asText()).isEqualTo("***");
        // the token the page showed is the one stored: Meta's handshake with it succeeds
        TestHub.Response handshake = hub.send(HttpRequest.newBuilder(URI.create(webhook
                + "?hub.mode=subscribe&hub.verify_token=" + verifyToken + "&hub.challenge=1158201444")));
        assertThat(handshake.status()).isEqualTo(200);
        assertThat(handshake.body()).isEqualTo("1158201444");

        click(By.linkText("Done"));
        waitHeading("shop number");
        click(By.xpath("//button[text()='Test connection']"));
        assertThat(waitText("#main .message.ok")).startsWith("Test: up");

        click(By.xpath("//summary[text()='message.send']"));
        WebElement input = waitVisible(By.cssSelector("textarea[aria-label='Input of message.send']"));
        input.clear();
        input.sendKeys("{\"to\": \"" + CUSTOMER + "\", \"text\": \"Olá do console\"}");
        click(By.cssSelector("button[data-action='message.send']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("details[open] pre"),
                "\"outcome\": \"delivered\""));
        assertThat(graph.sentMessages()).extracting(m -> m.at("/text/body").asText()).contains("Olá do console");

        nav("Connections");
        waitVisible(By.cssSelector("tr[data-id='" + wa + "']"));
        screenshot("connections");
        checkPage();
    }

    @Test
    @Order(3)
    void a_message_arrives_live_in_the_inbox_and_its_media_is_previewed() throws Exception {
        nav("Conversations");
        waitHeading("Conversations");
        waitVisible(By.cssSelector("nav.pager"));
        assertThat(postWhatsApp(FakeGraphApi.textMessageWebhook(PHONE_NUMBER_ID, CUSTOMER, "Joana", "wamid.CONSOLE-1",
                QUESTION, 1_767_261_600L)).status()).isEqualTo(200);
        // no reload, no polling: the inbox redraws when the stream says a message arrived
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//tr[td/a[contains(text(),'Joana')]]")));
        conversation = row.getAttribute("data-id");
        click(By.xpath("//a[contains(text(),'Joana')]"));
        waitVisible(By.xpath("//li[contains(@class,'inbound')]//p[text()=\"" + QUESTION + "\"]"));

        byte[] png = png();
        graph.addMedia("2045113399887766", "image/png", png);
        ObjectNode webhook = (ObjectNode) TestHub.parse(FakeGraphApi.textMessageWebhook(PHONE_NUMBER_ID, CUSTOMER,
                "Joana", "wamid.CONSOLE-IMG", "unused", 1_767_261_660L));
        ObjectNode message = (ObjectNode) webhook.at("/entry/0/changes/0/value/messages/0");
        message.remove("text");
        message.put("type", "image").putObject("image").put("caption", "chegou assim").put("mime_type", "image/png")
                .put("sha256", Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(png)))
                .put("id", "2045113399887766");
        assertThat(postWhatsApp(webhook.toString()).status()).isEqualTo(200);
        click(By.xpath("//button[text()='Show image']"));
        WebElement img = waitVisible(By.cssSelector(".bubble img, .bubble .message.error"));
        assertThat(img.getTagName()).as("the preview, not: %s", img.getText()).isEqualTo("img");
        assertThat(img.getAttribute("src")).startsWith("blob:");
        assertThat(img.getAttribute("alt")).isEqualTo("chegou assim");
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].naturalWidth", img)).intValue() == 120);
        checkPage();
    }

    @Test
    @Order(4)
    void takes_over_the_conversation_replies_as_a_person_and_hands_back() {
        openPage("conversations/" + conversation);
        click(By.id("take-over"));
        wait.until(ExpectedConditions.textToBe(By.id("conversation-state"), "human"));
        assertThat(hub.get("/api/v1/conversations/" + conversation).json().get("state").asText()).isEqualTo("human");

        browser.findElement(By.id("reply-text")).sendKeys("Temos sim, Joana! Posso separar?");
        click(By.xpath("//button[text()='Send']"));
        TestHub.await("the reply to reach WhatsApp", WAIT, () -> graph.sentMessages().stream()
                .anyMatch(m -> m.at("/text/body").asText().equals("Temos sim, Joana! Posso separar?")));
        WebElement reply = waitVisible(By.xpath("//li[contains(@class,'outbound')][p[text()='Temos sim, Joana! Posso "
                + "separar?']]"));
        String entry = reply.getAttribute("data-id");
        TestHub.await("the reply delivered", WAIT, () -> hub.deliveries("connection=" + wa + "&status=delivered")
                .stream().anyMatch(d -> d.at("/input/text").asText().equals("Temos sim, Joana! Posso separar?")));
        String wamid = hub.get("/api/v1/conversations/" + conversation + "/messages").json().get("items")
                .findValues("externalRef").stream().map(JsonNode::asText).filter(r -> r.startsWith("wamid."))
                .reduce((a, b) -> b).orElseThrow();
        // WhatsApp says read: the status changes in the open thread, live
        assertThat(postWhatsApp(FakeGraphApi.statusWebhook(PHONE_NUMBER_ID, wamid, "read", CUSTOMER)).status())
                .isEqualTo(200);
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("li[data-id='" + entry + "']"), "data-status",
                "read"));
        screenshot("conversation");

        click(By.id("hand-back"));
        wait.until(ExpectedConditions.textToBe(By.id("conversation-state"), "bot"));
        checkPage();
    }

    @Test
    @Order(5)
    void tries_a_route_on_a_stored_event_before_saving_it() {
        nav("Routes");
        waitHeading("Routes");
        click(By.linkText("New route"));
        waitVisible(By.id("route-name")).sendKeys("answer questions about blue shoes");
        new Select(browser.findElement(By.id("route-source"))).selectByValue(wa);
        WebElement type = browser.findElement(By.id("route-type"));
        type.sendKeys("message.inbound", Keys.TAB);
        WebElement condition = browser.findElement(By.id("route-condition"));
        condition.sendKeys("payload.content.text.contains('azul'");
        new Select(browser.findElement(By.cssSelector(".action-target"))).selectByValue(wa);
        new Select(browser.findElement(By.cssSelector(".action-name"))).selectByValue("message.send");
        WebElement input = browser.findElement(By.cssSelector(".action-input"));
        input.clear();
        input.sendKeys("{\"to\": \"{{payload.from.address}}\", \"text\": \"Sobre: {{payload.content.text}}\"}");
        String question = hub.events("connection=" + wa + "&type=message.inbound").stream()
                .filter(e -> e.at("/envelope/payload/content/text").asText().equals(QUESTION))
                .findFirst().orElseThrow().get("id").asText();
        wait.until(d -> !new Select(browser.findElement(By.id("dry-event"))).getOptions().isEmpty());
        new Select(browser.findElement(By.id("dry-event"))).selectByValue(question);

        click(By.id("dry-run"));
        assertThat(waitText("#condition-error"))
                .contains("condition");
        condition.sendKeys(")");
        click(By.id("dry-run"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dry-result"), "Matches: yes"));
        assertThat(browser.findElement(By.id("dry-result")).getText()).contains("\"to\": \"" + CUSTOMER + "\"",
                "Sobre: " + QUESTION);
        browser.executeScript("arguments[0].scrollIntoView({block: 'end'})",
                browser.findElement(By.id("dry-result")));
        screenshot("routes-dry-run");
        assertThat(graph.sentMessages()).as("a dry run sends nothing").noneMatch(m -> m.at("/text/body").asText()
                .startsWith("Sobre:"));

        click(By.xpath("//button[text()='Create']"));
        waitHeading("Route answer questions about blue shoes");
        JsonNode route = hub.get("/api/v1/routes").json().get("items").get(0);
        assertThat(route.at("/match/condition").asText()).isEqualTo("payload.content.text.contains('azul')");
        assertThat(route.at("/actions/0/input/text").asText()).isEqualTo("Sobre: {{payload.content.text}}");
        checkPage();
    }

    @Test
    @Order(6)
    void retries_a_dead_delivery() {
        graph.failNext(400, 100, null, "(#100) Invalid parameter");
        assertThat(hub.post("/api/v1/messages", Map.of("connection", wa, "to", CUSTOMER, "text", "Seu pedido saiu"))
                .status()).isEqualTo(202);
        TestHub.await("the send to die on Meta's 400", WAIT, () -> !hub.deliveries("status=dead").isEmpty());
        String dead = hub.deliveries("status=dead").get(0).get("id").asText();

        nav("Deliveries");
        waitHeading("Deliveries");
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("dead");
        WebElement row = waitVisible(By.cssSelector("tr[data-id='" + dead + "']"));
        assertThat(row.getText()).contains("Invalid parameter");
        screenshot("deliveries");
        click(By.cssSelector("button[data-retry='" + dead + "']"));
        assertThat(waitText("#main .message.ok")).contains("back in line");
        TestHub.await("the retried delivery delivered", WAIT, () -> hub.get("/api/v1/deliveries/" + dead).json()
                .get("status").asText().equals("delivered"));
        // the dead list redraws: the delivery left it
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-id='" + dead + "']"), 0));

        openPage("deliveries/" + dead);
        wait.until(ExpectedConditions.textToBe(By.id("delivery-status"), "delivered"));
        checkPage();
    }

    @Test
    @Order(7)
    void a_bad_plugin_upload_shows_the_hubs_reason() throws IOException {
        Path bad = Files.createTempFile("not-a-plugin", ".zip");
        Files.writeString(bad, "this is not a zip");
        try {
            nav("Plugins");
            waitHeading("Plugins");
            waitVisible(By.cssSelector("tr[data-id='whatsapp-cloud']"));
            browser.findElement(By.id("plugin-file")).sendKeys(bad.toString());
            click(By.xpath("//button[text()='Upload']"));
            assertThat(waitText("#main .message.error")).contains("file:");
        } finally {
            Files.deleteIfExists(bad);
        }
        checkPage();
    }

    @Test
    @Order(8)
    void the_overview_draws_traffic_per_minute_and_per_connection() {
        nav("Overview");
        waitHeading("Overview");
        WebElement received = waitVisible(By.cssSelector("figure.chart polyline.s-received"));
        assertThat(received.getAttribute("points")).isNotBlank();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#main table"), "shop number"));
        assertThat(browser.findElement(By.cssSelector("figure.chart figcaption")).getText())
                .matches("Messages per minute \\(in [1-9]\\d*, out [1-9]\\d*\\)");
        screenshot("overview");
        checkPage();
    }

    @Test
    @Order(9)
    void a_read_key_sees_no_write_controls_and_a_forced_write_is_refused() {
        nav("Tenants & keys");
        waitHeading("Tenants and API keys");
        waitVisible(By.id("key-name")).sendKeys("auditor");
        new Select(browser.findElement(By.id("key-role"))).selectByValue("read");
        click(By.xpath("//button[text()='Create key']"));
        String token = waitText("#new-token output[data-copy='the new token']");
        assertThat(token).startsWith("pk_");

        click(By.xpath("//header//button[text()='Sign out']"));
        WebElement key = waitVisible(By.name("apiKey"));
        assertThat(browser.executeScript("return sessionStorage.getItem('ponte.apiKey')")).isNull();
        key.sendKeys(token, Keys.ENTER);
        waitHeading("Overview");
        assertThat(browser.findElement(By.id("who")).getText()).contains("auditor", "read");
        assertThat(browser.findElements(By.cssSelector("#nav a"))).extracting(WebElement::getText)
                .contains("Tenants & keys");

        nav("Connections");
        waitVisible(By.cssSelector("tr[data-id='" + wa + "']"));
        assertThat(browser.findElements(By.linkText("New connection"))).isEmpty();
        openPage("connections/" + wa);
        waitHeading("shop number");
        assertThat(browser.findElement(By.xpath("//button[text()='Test connection']")).isEnabled()).isFalse();
        assertThat(browser.findElements(By.linkText("Edit"))).isEmpty();
        openPage("conversations/" + conversation);
        assertThat(waitVisible(By.id("take-over")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("reply-text")).isEnabled()).isFalse();

        // usable at 360 px: nothing wider than the screen
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 360, "height", 780,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String page : List.of("connections", "conversations/" + conversation, "deliveries", "overview")) {
                openPage(page);
                waitVisible(By.cssSelector("#main h1"));
                wait.until(d -> ((Number) browser.executeScript(
                        "return document.documentElement.scrollWidth")).intValue() <= 360);
            }
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }

        // forced: the disabled form enabled by hand, submitted; the hub refuses and the page says why
        openPage("connections/new");
        waitHeading("New connection");
        WebElement name = browser.findElement(By.id("name"));
        assertThat(name.isEnabled()).isFalse();
        browser.executeScript("document.querySelectorAll('#main [disabled]').forEach(e => e.disabled = false)");
        new Select(browser.findElement(By.id("connector"))).selectByValue("http");
        name.sendKeys("sneaky");
        click(By.xpath("//button[@type='submit']"));
        assertThat(waitText("#main form [role='status'].error"))
                .contains("this API key is read-only (role read)");
        assertThat(hub.call(token, "POST", "/api/v1/connections", "{\"connector\":\"http\",\"name\":\"sneaky\"}")
                .status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/connections").json().get("items")).hasSize(1);
        checkPage();
        assertThat(problems).as("CSP violations and script errors on the console's pages").isEmpty();
    }

    private TestHub.Response postWhatsApp(String body) {
        FakeGraphApi.SignedWebhook signed = FakeGraphApi.signedWebhook(APP_SECRET, body);
        List<String> headers = new ArrayList<>();
        signed.headers().forEach((k, v) -> {
            headers.add(k);
            headers.add(v);
        });
        return hub.send(HttpRequest.newBuilder(hub.uri("/hooks/" + wa))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body())).headers(headers.toArray(String[]::new)));
    }

    /** A navigation link, by keyboard: focused and Enter pressed, as someone without a mouse does. */
    private void nav(String label) {
        waitVisible(By.xpath("//nav[@id='nav']//a[text()='" + label + "']")).sendKeys(Keys.ENTER);
    }

    private void openPage(String hash) {
        browser.executeScript("location.hash = arguments[0]", "#/" + hash);
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private WebElement waitVisible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private String waitText(String css) {
        return wait.until(d -> {
            for (WebElement e : d.findElements(By.cssSelector(css))) {
                if (e.isDisplayed() && !e.getText().isBlank()) {
                    return e.getText();
                }
            }
            return null;
        });
    }

    private void waitHeading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#main h1"), text));
    }

    private String label(String inputId) {
        return browser.findElement(By.cssSelector("label[for='" + inputId + "']")).getText();
    }

    /** Collects what the page reported since the last look (CSP violations, uncaught errors). */
    @SuppressWarnings("unchecked")
    private void checkPage() {
        Object found = browser.executeScript("const p = window.__problems || []; window.__problems = []; return p;");
        problems.addAll((List<String>) found);
    }

    private void screenshot(String name) {
        if (screenshots == null) {
            return;
        }
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("could not save the screenshot " + name, e);
        }
    }

    /** A 120x80 PNG: two colour bands, so the preview is something to see. */
    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 120; x++) {
            for (int y = 0; y < 80; y++) {
                image.setRGB(x, y, y < 40 ? 0x1F4E79 : 0xFFBF47);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The first of {@code names} found on {@code PONTE_TEST_BROWSER_PATH} if set, else on {@code PATH}. */
    private static Optional<Path> executable(String... names) {
        String path = Optional.ofNullable(System.getenv("PONTE_TEST_BROWSER_PATH"))
                .orElse(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return Stream.of(names).flatMap(n -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, n)))
                .filter(Files::isExecutable).findFirst();
    }
}
