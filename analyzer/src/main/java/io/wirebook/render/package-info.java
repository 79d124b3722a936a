/**
 * Pictures out: text lines, JSON Lines, conversation tables, ladders, timelines, pcapng with comments, and a
 * frame's hex dump beside its field tree (HTML with its script and stylesheet, or text).
 */
package io.wirebook.render;
