/** The {@code stdin} input: lines piped into {@code corral ship}, read to the end of the stream. */
package dev.corral.ship.stdin;
