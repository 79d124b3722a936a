/**
 * The Wirebook application: {@link io.wirebook.tutorial.Wirebook}, the runnable jar's entry point, hands
 * the tutorial's demo scenarios ({@code demo}) to the analyzer's command line.
 */
package io.wirebook.tutorial;
