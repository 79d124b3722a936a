/** A deterministic generator of synthetic loopback captures with labelled TCP anomalies. */
package io.wirebook.synth;
