package io.wirebook.tutorial.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.tutorial.notebook.Book;
import io.wirebook.tutorial.notebook.KernelValues;
import io.wirebook.tutorial.notebook.ScenarioLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The built site in Debian's headless chromium, driven by Debian's chromedriver (both by path: nothing is
 * downloaded): every page loads without a console error, every link, anchor and image resolves, ladders
 * have their arrows, the hex dump highlights, and a phone-sized dark page does not scroll sideways.
 */
class SiteBrowserTest {
    static Path site;
    static ChromeDriver driver;

    @BeforeAll
    static void buildAndStart() throws Exception {
        site = Path.of("target/browser-site").toAbsolutePath();
        new SiteBuilder(Book.read(Path.of("chapters")), new ScenarioLibrary(SiteBuilderTest.RECORDINGS), new KernelValues(),
                "Built from the frozen recordings for the browser test.", false).build(site);
        driver = io.wirebook.tutorial.Chromium.start();
        driver.manage().window().setSize(new Dimension(1200, 900));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    static List<Path> pages() throws Exception {
        try (Stream<Path> s = Files.list(site)) {
            return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Test
    void everyPageLoadsWithoutAConsoleErrorAndEveryLinkAnchorAndImageResolves() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path p : pages()) {
            driver.get(p.toUri().toString());
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                problems.add(p.getFileName() + ": console: " + e.getMessage());
            }
            assertEquals(Boolean.TRUE, js("return Array.isArray(window.WB_INDEX)"), p + ": the search index loaded");
            assertEquals("flex", js("return getComputedStyle(document.querySelector('.wb-top')).display"), p + ": the stylesheet loaded");
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) js("return Array.from(document.querySelectorAll('a[href]'), a => a.href)");
            for (String href : links) {
                if (!href.startsWith("file:")) {
                    problems.add(p.getFileName() + ": a link leaves the site: " + href);
                    continue;
                }
                String path = href.replaceFirst("[?#].*$", "");
                Path target = Path.of(java.net.URI.create(path));
                if (!Files.exists(target)) {
                    problems.add(p.getFileName() + ": broken link " + href);
                } else if (href.contains("#") && target.toString().endsWith(".html")) {
                    String id = java.net.URLDecoder.decode(href.substring(href.indexOf('#') + 1), java.nio.charset.StandardCharsets.UTF_8);
                    if (!Files.readString(target).contains("id=\"" + id + "\"")) {
                        problems.add(p.getFileName() + ": no anchor #" + id + " in " + target.getFileName());
                    }
                }
            }
            Object broken = js("return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length");
            assertEquals(0L, broken, p + ": images that did not load");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyLadderHasAnArrowPerPacketOfItsScenario() throws Exception {
        driver.get(site.resolve("01-handshake.html").toUri().toString());
        List<WebElement> ladders = driver.findElements(By.cssSelector("figure.wb-ladder"));
        assertEquals(3, ladders.size(), "handshake, no-accept and refused");
        ScenarioLibrary lib = new ScenarioLibrary(SiteBuilderTest.RECORDINGS);
        String[] scenarios = {"handshake", "no-accept", "refused"};
        for (int i = 0; i < 3; i++) {
            int arrows = ladders.get(i).findElements(By.cssSelector("g.packet")).size();
            assertEquals(lib.get(scenarios[i]).timeline().packets().size(), arrows, scenarios[i]);
            assertTrue(ladders.get(i).getRect().getWidth() > 300, "the figure is drawn at a readable size");
        }
    }

    @Test
    void hoveringAHexByteHighlightsItsFieldAndTheClaimsShowTheirMarks() throws Exception {
        driver.get(site.resolve("01-handshake.html").toUri().toString());
        WebElement hex = driver.findElement(By.cssSelector("figure.wb-hex"));
        WebElement srcPortByte = hex.findElement(By.cssSelector("[data-b='34']"));
        new Actions(driver).moveToElement(srcPortByte).perform();
        String field = srcPortByte.getAttribute("data-f");
        List<WebElement> lit = hex.findElements(By.cssSelector(".wb-hl"));
        assertTrue(lit.stream().anyMatch(e -> field.equals(e.getAttribute("data-f")) && e.getAttribute("data-start") != null),
                "the field " + field + " of byte 34 is highlighted");
        assertTrue(lit.stream().anyMatch(e -> "35".equals(e.getAttribute("data-b"))), "and its other byte, 35");
        List<WebElement> claims = driver.findElements(By.cssSelector("aside.wb-claim"));
        assertTrue(claims.size() >= 7, "claims: " + claims.size());
        for (WebElement c : claims) {
            assertEquals("\u2713", c.findElement(By.cssSelector(".wb-mark")).getText());
        }
    }

    @Test
    void aPhoneSizedDarkPageDoesNotScrollSideways() throws Exception {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            driver.manage().window().setSize(new Dimension(360, 740));
            for (Path p : pages()) {
                driver.get(p.toUri().toString());
                long scroll = (Long) js("return document.documentElement.scrollWidth");
                long width = (Long) js("return document.documentElement.clientWidth");
                assertTrue(scroll <= width, p.getFileName() + ": the page is " + scroll + " px wide in a " + width + " px window");
            }
            driver.get(site.resolve("01-handshake.html").toUri().toString());
            String bg = (String) js("return getComputedStyle(document.body).backgroundColor");
            assertEquals("rgb(21, 23, 26)", bg, "the dark scheme's background");
            Files.write(Path.of("target/handshake-360-dark.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            driver.manage().window().setSize(new Dimension(1200, 900));
        }
        driver.get(site.resolve("01-handshake.html").toUri().toString());
        Files.write(Path.of("target/handshake.png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
