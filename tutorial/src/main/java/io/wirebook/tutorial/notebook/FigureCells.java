package io.wirebook.tutorial.notebook;

/** The figure kinds: the SVG ladder of a scenario and a frame's hex dump beside its field tree. */
final class FigureCells {
    CellOutput ladder(CellBlock cell, ScenarioEvidence e, String id, Page page) throws CellException {
        page.shows(e.name(), id);
        throw new CellException(cell, "ladder figures are not built yet");
    }

    CellOutput hex(CellBlock cell, ScenarioEvidence e, String id) throws CellException {
        throw new CellException(cell, "hex dumps are not built yet");
    }
}
