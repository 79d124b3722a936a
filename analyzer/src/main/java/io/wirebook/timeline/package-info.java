/**
 * One timeline of socket calls, packets and state changes, with causality: what made each packet
 * leave and which packet let each blocking call return.
 */
package io.wirebook.timeline;
