/**
 * How every JSON Lines output and input of the analyzer is set up (packets, conversations, call logs,
 * timelines). Not a stage: it imports no other package of the analyzer, so any stage may use it.
 */
package io.wirebook.jsonl;
