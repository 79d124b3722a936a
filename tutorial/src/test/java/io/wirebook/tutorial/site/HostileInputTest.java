package io.wirebook.tutorial.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.tutorial.notebook.Book;
import io.wirebook.tutorial.notebook.KernelValues;
import io.wirebook.tutorial.notebook.ScenarioLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Payload bytes and call-log text are untrusted. A recording whose payload is {@code <svg/>} and whose
 * socket names hold script tags, CDATA and comment ends, Markdown links to {@code javascript:}, table pipes,
 * backticks, terminal escapes and a lone surrogate goes through every cell kind; the page, checked in
 * chromium, runs no script of theirs and gains no element, and the Markdown and notebook stay inert.
 */
class HostileInputTest {
    static final String EVIL = "</svg><script>window.PWNED=1</script><img src=x onerror=window.PWNED=2>]]>-->"
            + "|`[x](javascript:window.PWNED=3)`\u001b[31m\u0007\ud800";
    static Path site;
    static ChromeDriver driver;

    @BeforeAll
    static void build() throws Exception {
        Path root = Path.of("target/hostile").toAbsolutePath();
        Path rec = root.resolve("recordings");
        Files.createDirectories(rec);
        byte[] pcap = Files.readAllBytes(SiteBuilderTest.RECORDINGS.resolve("handshake.pcapng"));
        byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(pcap, hello);
        assertTrue(at > 0, "frame 4's payload in the capture");
        System.arraycopy("<svg/>".getBytes(StandardCharsets.US_ASCII), 0, pcap, at, 6);
        Files.write(rec.resolve("evil.pcapng"), pcap);
        // JSON-escaped, the lone surrogate as \\ud800 (no encoder writes it raw).
        String json = new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(EVIL))
                .replace("\ud800", "\\ud800");
        String calls = Files.readString(SiteBuilderTest.RECORDINGS.resolve("handshake.calls.jsonl"))
                .replace("\"sock\":\"client\"", "\"sock\":\"" + json + "\"")
                .replace("\"result\":\"client\"", "\"result\":\"" + json + "\"");
        Files.writeString(rec.resolve("evil.calls.jsonl"), calls);
        Path chapters = root.resolve("chapters");
        Files.createDirectories(chapters);
        StringBuilder ch = new StringBuilder("---\norder: 1\ntitle: Hostile\n---\n\n# Hostile\n\n");
        for (String cell : List.of("ladder", "packets", "timeline", "calls", "conversation", "hex frame=4", "kernel")) {
            ch.append("```wirebook ").append(cell).append(" scenario=evil\n```\n\n");
        }
        ch.append("```wirebook claim scenario=evil\nThe payload is six bytes.\ncheck: frame(4).len == 6\n```\n");
        Files.writeString(chapters.resolve("01-hostile.md"), ch.toString());
        site = root.resolve("site");
        new SiteBuilder(Book.read(chapters), new ScenarioLibrary(rec), new KernelValues(), null, false).build(site);
        driver = io.wirebook.tutorial.Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void thePageRunsNoScriptOfTheirsAndGainsNoElement() {
        driver.get(site.resolve("01-hostile.html").toUri().toString());
        Object pwned = ((JavascriptExecutor) driver).executeScript("return window.PWNED === undefined ? null : window.PWNED");
        assertEquals(null, pwned, "a script from the capture ran");
        assertEquals(3, driver.findElements(By.tagName("script")).size(), "only the site's own three scripts");
        assertEquals(0, driver.findElements(By.cssSelector("main img")).size(), "no image element injected");
        assertEquals(1, driver.findElements(By.cssSelector("main svg")).size(), "one svg: the ladder, none from the payload");
        String text = driver.findElement(By.tagName("main")).getText();
        assertTrue(text.contains("<script>window.PWNED=1</script>"), "the hostile text is shown, as text");
    }

    @Test
    void theMarkdownAndTheNotebookStayInert() throws Exception {
        String md = Files.readString(site.resolve("md/01-hostile.md"));
        // As a Git forge renders it (GFM tables on): the hostile text stays text, in code blocks and cells.
        String rendered = org.commonmark.renderer.html.HtmlRenderer.builder()
                .extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create())).build()
                .render(org.commonmark.parser.Parser.builder()
                        .extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create())).build().parse(md));
        assertFalse(rendered.contains("<script") || rendered.contains("<img src=\"x\"") || rendered.contains("<svg"),
                "no element from the capture in the rendered Markdown");
        assertFalse(rendered.contains("href=\"javascript:"), "no live link in the rendered Markdown");
        assertTrue(rendered.contains("&lt;script&gt;window.PWNED=1"), "the hostile text is there, as text");
        assertFalse(md.contains("\u001b") || md.contains("\u0007"), "no control character in Markdown");
        // The notebook's HTML and SVG outputs are rendered as markup by JupyterLab: no tag from the capture there
        // (its text/plain outputs are shown as text, so the hostile text may stand there as it is).
        com.fasterxml.jackson.databind.JsonNode nb = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(site.resolve("notebooks/01-hostile.ipynb").toFile());
        int markup = 0;
        for (com.fasterxml.jackson.databind.JsonNode cell : nb.get("cells")) {
            for (com.fasterxml.jackson.databind.JsonNode out : cell.path("outputs")) {
                for (String mime : List.of("text/html", "image/svg+xml")) {
                    String m = out.path("data").path(mime).asText("");
                    markup += m.isEmpty() ? 0 : 1;
                    assertFalse(m.contains("<script") || m.contains("<img src=x") || m.contains("</svg><"),
                            mime + " output holds markup from the capture");
                }
            }
        }
        assertTrue(markup >= 8, "outputs checked: " + markup);
        String svg;
        try (var s = Files.list(site.resolve("md"))) {
            svg = Files.readString(s.filter(p -> p.toString().endsWith(".svg")).findFirst().orElseThrow());
        }
        assertFalse(svg.contains("<script"), "no raw tag in the SVG file");
    }
}
