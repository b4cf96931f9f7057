/**
 * The Lucene codecs of warm partitions ({@link dev.corral.store.codec.WarmCodec}, {@code
 * CorralWarm2}): stored sources compressed with Zstandard, decimal numbers' doc values as scaled
 * whole numbers where that is exact. {@link dev.corral.store.codec.WarmCodec1} ({@code
 * CorralWarm1}) reads the warm segments written before.
 */
package dev.corral.store.codec;
