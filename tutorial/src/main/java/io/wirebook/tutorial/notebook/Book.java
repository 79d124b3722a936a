package io.wirebook.tutorial.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The chapters of {@code tutorial/chapters/} in their front matter's order, and the glossary
 * ({@code glossary.md} in the same folder: one {@code ##} heading per term).
 */
public record Book(Path dir, List<Chapter> chapters, Chapter glossary) {
    public static final String GLOSSARY = "glossary.md";

    public static Book read(Path dir) throws IOException {
        List<Chapter> chapters = new ArrayList<>();
        Chapter glossary = null;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        for (Path f : files) {
            Chapter c = Chapter.read(f, dir.getParent() == null ? f.toString()
                    : dir.getFileName() + "/" + f.getFileName());
            if (f.getFileName().toString().equals(GLOSSARY)) {
                glossary = c;
            } else {
                chapters.add(c);
            }
        }
        if (chapters.isEmpty()) {
            throw new IOException(dir + ": no chapters (*.md with a front matter)");
        }
        chapters.sort(Comparator.comparingInt(Chapter::order).thenComparing(Chapter::slug));
        return new Book(dir, List.copyOf(chapters), glossary);
    }
}
