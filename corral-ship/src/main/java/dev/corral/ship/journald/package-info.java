/** The {@code journald} input: the systemd journal through {@code journalctl -o json -f}, resumed by cursor. */
package dev.corral.ship.journald;
