/**
 * Retention: which stored events Corral keeps, by age, by size and by stream rules, and the pass
 * that deletes the rest — whole day partitions dropped, or events deleted inside a day by query
 * (docs/operations.md, "Retention"). The policy comes from corral.yaml or, once set through the admin
 * API, from {@code data/retention.json}; every deletion is logged, counted and kept in a short
 * persisted list for the Status page. It reaches the store through its API only ({@code
 * PartitionLifecycle.drop}, {@code deleteMatching}).
 */
package dev.corral.server.retention;
