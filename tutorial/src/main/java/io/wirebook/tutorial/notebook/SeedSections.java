package io.wirebook.tutorial.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections of the seed text the book must cover ({@code seed-sections.tsv} beside the chapters), and
 * which chapters cover each: a chapter lists the sections it covers in its front matter's {@code seed:},
 * each as the section's name, optionally followed by a gloss in parentheses.
 */
public final class SeedSections {
    public static final String FILE = "seed-sections.tsv";

    /** One section of the seed. */
    public record Section(String name, int level, String about) {}

    /** A section with the chapters that list it and the claims those chapters check. */
    public record Coverage(Section section, List<Chapter> chapters, int claims) {}

    private final List<Section> sections;

    private SeedSections(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** The book's seed sections, or null when its folder has no {@value #FILE}. */
    public static SeedSections of(Book book) throws IOException {
        Path f = book.dir().resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        List<Section> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 3 || !cols[1].matches("[1-6]")) {
                throw new IOException(f + ":" + n + ": expected name, level and about, tab-separated");
            }
            out.add(new Section(cols[0], Integer.parseInt(cols[1]), cols[2]));
        }
        return new SeedSections(out);
    }

    public List<Section> sections() {
        return sections;
    }

    /** The section name a front matter entry names: the text before a gloss in parentheses. */
    static String nameOf(String entry) {
        int gloss = entry.indexOf(" (");
        return (gloss < 0 ? entry : entry.substring(0, gloss)).strip();
    }

    /** Every section with its chapters, in the seed's order. */
    public List<Coverage> coverage(Book book) {
        Map<String, List<Chapter>> by = new LinkedHashMap<>();
        for (Section s : sections) {
            by.put(s.name(), new ArrayList<>());
        }
        for (Chapter c : book.chapters()) {
            for (String entry : c.seed()) {
                List<Chapter> l = by.get(nameOf(entry));
                if (l != null && !l.contains(c)) {
                    l.add(c);
                }
            }
        }
        List<Coverage> out = new ArrayList<>();
        for (Section s : sections) {
            List<Chapter> cs = by.get(s.name());
            int claims = 0;
            for (Chapter c : cs) {
                claims += (int) c.cells().stream().filter(cell -> cell.kind().equals("claim")).count();
            }
            out.add(new Coverage(s, List.copyOf(cs), claims));
        }
        return out;
    }

    /** "chapters/03-x.md: seed: 数据传送 is no section of the seed (seed-sections.tsv)", one per unknown entry. */
    public List<String> unknownEntries(Book book) {
        List<String> out = new ArrayList<>();
        for (Chapter c : book.chapters()) {
            for (String entry : c.seed()) {
                String name = nameOf(entry);
                if (sections.stream().noneMatch(s -> s.name().equals(name))) {
                    out.add(c.file().getFileName() + ": seed: \"" + name + "\" is no section of the seed (" + FILE + ")");
                }
            }
        }
        return out;
    }
}
