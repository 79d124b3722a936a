package io.wirebook.tutorial.notebook;

/** A cell that cannot be rendered: its message starts with where the cell is ({@code chapter.md:42: ...}). */
public final class CellException extends Exception {
    public CellException(CellBlock cell, String message) {
        super(cell.where() + ": " + cell.kind() + " cell: " + message);
    }
}
