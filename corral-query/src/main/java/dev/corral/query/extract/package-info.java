/**
 * Query-time extraction: the per-event parsers behind {@code | json}, {@code | logfmt}, {@code |
 * kv} and {@code | parse}, for data that arrived before an ingest pipeline parsed it. Each {@link
 * dev.corral.query.extract.Extractor} reads one text into named values; {@link
 * dev.corral.query.extract.Extraction} applies one to an event with the rules both query back
 * ends share (which field is read, how clashes are named, how values are typed, how failures are
 * marked). Depends on the model only; stateless and thread-safe.
 */
package dev.corral.query.extract;
