/**
 * The Lucene codec of warm partitions ({@link dev.corral.store.codec.WarmCodec}): stored sources
 * compressed with Zstandard.
 */
package dev.corral.store.codec;
