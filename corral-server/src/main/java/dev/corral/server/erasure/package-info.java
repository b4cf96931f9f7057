/**
 * Erasure (docs/operations.md, "Erasure"): an audited delete-by-query over a range of days — hot
 * and warm partitions, archived days (rewritten and re-uploaded) and, through {@link
 * dev.corral.server.erasure.RawBackupEraser}, the raw backup — journaled so that a crash resumes it.
 */
package dev.corral.server.erasure;
