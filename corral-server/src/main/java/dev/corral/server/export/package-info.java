/**
 * Streaming export: {@code GET /api/v1/export} streams every event a filter matches in a closed time
 * range, oldest first, as NDJSON or CSV, without a limit on their number and without holding them in
 * memory (the store's {@code StoreSearcher.export} pages through one day at a time), under the
 * caller's read scope, and stops as soon as the client goes away.
 */
package dev.corral.server.export;
