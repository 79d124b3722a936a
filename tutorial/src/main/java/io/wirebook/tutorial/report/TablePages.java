package io.wirebook.tutorial.report;

import io.wirebook.render.SortedRows;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A table too long for one page (a capture can hold a million connections), written from its
 * {@link SortedRows} as pages of a fixed number of rows: {@code NAME.EXT}, {@code NAME-2.EXT}, ... Each row's
 * first cell is written here, as the rows stream past, so that it can link to the connection's page.
 */
final class TablePages extends OutputStream implements SortedRows.Heading {
    /** Writes what frames one page: its head (title, pager, the table's heading) and its foot. */
    interface Frame {
        String head(int page, int pages);

        String foot(int page, int pages);

        /** The row's start up to and with its first cell. */
        String rowStart(long key);
    }

    private final Path dir;
    private final String name, ext;
    private final int perPage;
    private final int pages;
    private final Frame frame;
    private OutputStream out;
    private int page;
    private long rows;

    TablePages(Path dir, String name, String ext, int perPage, long total, Frame frame) {
        this.dir = dir;
        this.name = name;
        this.ext = ext;
        this.perPage = perPage;
        this.pages = (int) Math.max(1, (total + perPage - 1) / perPage);
        this.frame = frame;
    }

    static String fileName(String name, String ext, int page) {
        return (page <= 1 ? name : name + "-" + page) + "." + ext;
    }

    int pages() {
        return pages;
    }

    /** Writes every row, then ends the last page (an empty table still gets its page). */
    void write(SortedRows rows) throws IOException {
        rows.writeTo(this, this);
        if (out == null) {
            next();
        }
        text(frame.foot(page, pages));
        out.close();
        out = null;
    }

    @Override
    public void write(OutputStream ignored, long key) throws IOException {
        if (out == null || rows % perPage == 0) {
            if (out != null) {
                text(frame.foot(page, pages));
                out.close();
            }
            next();
        }
        rows++;
        text(frame.rowStart(key));
    }

    private void next() throws IOException {
        page++;
        out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(fileName(name, ext, page))), 1 << 16);
        text(frame.head(page, pages));
    }

    private void text(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }
}
