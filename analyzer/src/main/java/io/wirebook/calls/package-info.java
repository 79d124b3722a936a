/**
 * Socket calls: the log a program keeps of the calls it makes (call, arguments, result or errno,
 * thread, CLOCK_REALTIME at entry and return), its JSON Lines form, and the demo-scenario interface the
 * tutorial implements, with the recorder that captures a scenario while it runs.
 */
package io.wirebook.calls;
