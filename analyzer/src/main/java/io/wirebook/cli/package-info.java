/** The picocli command line: read, conversations, timeline, capture, generate; documented exit codes. */
package io.wirebook.cli;
