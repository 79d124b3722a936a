/** Pictures out: text lines, JSON Lines, conversation tables, ladders, timelines, pcapng with comments. */
package io.wirebook.render;
