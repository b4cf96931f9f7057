/**
 * The client side of TLS for Corral's own clients (the shipper's HTTP output, the {@code corral} commands that talk
 * to a server): which CA to trust and which client certificate to present, read from PEM files.
 */
package dev.corral.ship.tls;
