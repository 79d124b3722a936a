/**
 * The static site: HTML pages (index, chapters, glossary, scenario gallery, the seed's contradictions,
 * search, the whole book on one page), the same chapters as Markdown for Git forges, and as Jupyter
 * notebooks; all from the notebook's chapters and the scenario recordings, with no server and no network.
 */
package io.wirebook.tutorial.site;
