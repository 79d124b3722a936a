package io.wirebook.tutorial.notebook;

/** Claim cells: one sentence and the checks that prove it on the scenario's evidence. */
final class ClaimCells {
    private final KernelValues kernel;
    private final ClaimLedger ledger;

    ClaimCells(KernelValues kernel, ClaimLedger ledger) {
        this.kernel = kernel;
        this.ledger = ledger;
    }

    CellOutput claim(CellBlock cell, ScenarioEvidence e, String id, Page page) throws CellException {
        throw new CellException(cell, "claims are not checked yet");
    }
}
