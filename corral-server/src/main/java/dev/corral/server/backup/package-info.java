/**
 * The continuous raw backup: a WAL follower that writes every acknowledged record to an
 * S3-compatible bucket as zstd-compressed NDJSON objects keyed by hour and WAL positions, advancing
 * its cursor only past verified uploads, reporting what the WAL's retention dropped before it got
 * there (docs/operations.md, "Raw backup"); and the erasure's reach into those objects ({@link
 * dev.corral.server.backup.BackupEraser}, "Erasure and the raw backup").
 */
package dev.corral.server.backup;
