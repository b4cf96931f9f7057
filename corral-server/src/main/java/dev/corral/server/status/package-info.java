/**
 * What the server says about itself: start-up phase and readiness, {@code /health}, {@code /ready},
 * {@code /metrics} and {@code /api/v1/stats} composed from every service's entries.
 */
package dev.corral.server.status;
