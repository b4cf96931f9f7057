/**
 * From lines to records: decoding (JSON objects passed through, other text as {@code message}), static fields
 * added without clobbering the event's own, container runtime framing (CRI and Docker json-file) removed and
 * kubelet file names read, and {@link dev.corral.ship.decode.RecordAssembler}, the per-source chain that joins
 * these with multiline and hands {@link dev.corral.ship.ShipRecord}s to the delivery side.
 */
package dev.corral.ship.decode;
