/** The shipper's own status: what {@code GET /status} and {@code corral ship status} report. */
package dev.corral.ship.status;
