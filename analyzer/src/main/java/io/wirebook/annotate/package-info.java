/** Plain words: one sentence per packet on what it does, what the analysis found and why. */
package io.wirebook.annotate;
