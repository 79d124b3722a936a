package io.wirebook.tutorial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.tutorial.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A report of a generated capture (hundreds of connections, many with findings) in Debian's chromium: every
 * page loads with no console error and no script, every link and anchor resolves, each ladder has an arrow
 * per packet it says it draws, and a phone-sized page does not scroll sideways outside its tables.
 */
class ReportBrowserTest {
    static Path report;
    static ChromeDriver driver;

    @BeforeAll
    static void build() throws Exception {
        ReportCommandTest.generate();
        report = Path.of("target/browser-report").toAbsolutePath();
        ReportCommandTest.Run r = ReportCommandTest.report(report, "--max-pages", "8", ReportCommandTest.generated.toString());
        assertEquals(0, r.code(), r.stderr());
        driver = Chromium.start();
        driver.manage().window().setSize(new Dimension(1200, 900));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    static List<Path> pages() throws Exception {
        try (Stream<Path> s = Files.list(report)) {
            return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void everyPageLoadsCleanlyAndEveryLinkAndAnchorResolves() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> pages = pages();
        assertTrue(pages.size() >= 11, "summary, two tables and eight connection pages: " + pages);
        for (Path p : pages) {
            driver.get(p.toUri().toString());
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                problems.add(p.getFileName() + ": console: " + e.getMessage());
            }
            assertEquals("flex", js("return getComputedStyle(document.querySelector('.wb-top')).display"), p + ": the stylesheet loaded");
            assertEquals(0L, js("return document.scripts.length"), p + ": a report page needs no script");
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) js("return Array.from(document.querySelectorAll('a[href]'), a => a.href)");
            for (String href : links) {
                if (!href.startsWith("file:")) {
                    problems.add(p.getFileName() + ": a link leaves the report: " + href);
                    continue;
                }
                Path target = Path.of(java.net.URI.create(href.replaceFirst("#.*$", "")));
                if (!Files.exists(target)) {
                    problems.add(p.getFileName() + ": broken link " + href);
                } else if (href.contains("#") && !Files.readString(target).contains("id=\"" + href.substring(href.indexOf('#') + 1) + "\"")) {
                    problems.add(p.getFileName() + ": no anchor for " + href);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void eachLadderHasAnArrowPerPacketItDraws() throws Exception {
        driver.get(report.resolve("index.html").toUri().toString());
        List<String> pages = new ArrayList<>();
        for (WebElement a : driver.findElements(By.cssSelector("table.wb-pages a"))) {
            pages.add(a.getAttribute("href"));
        }
        assertEquals(8, pages.size());
        for (String page : pages) {
            driver.get(page);
            WebElement ladder = driver.findElement(By.cssSelector("figure.wb-ladder"));
            String caption = ladder.findElement(By.tagName("figcaption")).getText();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:The first ([\\d,]+) of its|Its) ([\\d,]+) packets").matcher(caption);
            assertTrue(m.find(), caption);
            int drawn = Integer.parseInt((m.group(1) != null ? m.group(1) : m.group(2)).replace(",", ""));
            assertEquals(drawn, ladder.findElements(By.cssSelector("g.packet")).size(), page);
            assertTrue(ladder.getRect().getWidth() > 300, "drawn at a readable size");
            int rows = driver.findElements(By.cssSelector("#packets ~ div table.wb-packets tbody tr")).size();
            assertEquals(Math.min(1000, Integer.parseInt(m.group(2).replace(",", ""))), rows, page + ": the packet table");
        }
        Files.write(Path.of("target/report-connection.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aPhoneSizedPageScrollsOnlyInsideItsTables() throws Exception {
        driver.manage().window().setSize(new Dimension(360, 800));
        try {
            for (String name : List.of("index.html", "conversations.html")) {
                driver.get(report.resolve(name).toUri().toString());
                assertEquals(Boolean.TRUE, js("return document.documentElement.scrollWidth <= window.innerWidth + 1"),
                        name + ": the page itself does not scroll sideways");
            }
        } finally {
            driver.manage().window().setSize(new Dimension(1200, 900));
        }
    }
}
