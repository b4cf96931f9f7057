/**
 * Saved dashboards: definitions of panels (a pipe query, a visualization, a time range) kept as
 * one JSON file each under {@code <data>/dashboards/}, validated on save (every panel's query is
 * parsed), plus the built-in dashboards shipped with the server, which a user may override and
 * restore.
 */
package dev.corral.server.dashboards;
