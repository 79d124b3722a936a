/**
 * The notebook: chapters are CommonMark files in {@code tutorial/chapters/} whose fenced blocks with an
 * info string starting {@code wirebook} are cells ({@link io.wirebook.tutorial.notebook.CellBlock}); each
 * cell is computed from a scenario's recording through the analyzer's pipeline and frozen into the
 * rendered page, and claim cells are checked while the site is built.
 */
package io.wirebook.tutorial.notebook;
