/**
 * {@code wirebook report}: a user's own capture rendered as the book renders its scenarios. A first pass
 * summarises every connection (rows kept sorted in bounded memory) and chooses which get a page; a second
 * pass keeps only those connections' first packets, drawn with the notebook's ladder and packet table.
 */
package io.wirebook.tutorial.report;
