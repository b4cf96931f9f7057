/**
 * Streaming export: {@code GET /api/v1/export} streams every event a filter matches in a closed time
 * range, oldest first, as NDJSON or CSV, without a limit on their number and without holding them in
 * memory (the store's {@code EventSearch.export}: the local store pages through one day at a time, an
 * OpenSearch store through a point in time over the days' indices), under the caller's read scope, and stops as soon as the client goes away.
 */
package dev.corral.server.export;
