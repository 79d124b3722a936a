/**
 * {@code wirebook bench}: seeded captures made by the generator, every command measured as a whole process
 * (wall time, CPU time and peak RSS of the child), Wirebook against the reference tools in one run, and one
 * table of the results. Nothing here is used by the analyzer itself.
 */
package io.wirebook.bench;
