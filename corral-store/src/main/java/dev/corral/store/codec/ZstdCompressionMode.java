package dev.corral.store.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Zstandard compression of stored-field chunks (through zstd-jni, the binding Kafka uses). Each
 * chunk is written as a vInt compressed length followed by one checksummed zstd frame of the
 * whole chunk, so the window spans the chunk: log events repeat their field names and much of
 * their values from one event to the next, which a 32 KiB DEFLATE window catches only partly. A
 * damaged chunk fails with a {@link CorruptIndexException} rather than returning wrong bytes.
 *
 * <p>Compressors and decompressors are single-threaded, as Lucene uses them: a compressor per
 * stored-fields writer, a decompressor cloned per reader.
 */
final class ZstdCompressionMode extends CompressionMode {
  private final int level;

  /** @param level zstd compression level, 1 (fastest) to 22 (smallest) */
  ZstdCompressionMode(int level) {
    if (level < 1 || level > Zstd.maxCompressionLevel()) {
      throw new IllegalArgumentException("zstd level " + level + " is not in 1.." + Zstd.maxCompressionLevel());
    }
    this.level = level;
  }

  @Override
  public Compressor newCompressor() {
    return new ZstdCompressor(level);
  }

  @Override
  public Decompressor newDecompressor() {
    return new ZstdDecompressor();
  }

  @Override
  public String toString() {
    return "ZSTD(level=" + level + ")";
  }

  private static final class ZstdCompressor extends Compressor {
    private final ZstdCompressCtx context = new ZstdCompressCtx();
    private byte[] input = BytesRef.EMPTY_BYTES;
    private byte[] output = BytesRef.EMPTY_BYTES;

    ZstdCompressor(int level) {
      context.setLevel(level);
      context.setChecksum(true); // 4 bytes per chunk, so a damaged chunk fails instead of reading wrong
    }

    @Override
    public void compress(ByteBuffersDataInput buffersInput, DataOutput out) throws IOException {
      int length = Math.toIntExact(buffersInput.length());
      input = ArrayUtil.growNoCopy(input, length);
      buffersInput.readBytes(input, 0, length);
      output = ArrayUtil.growNoCopy(output, Math.toIntExact(Zstd.compressBound(length)));
      int compressed = context.compressByteArray(output, 0, output.length, input, 0, length);
      out.writeVInt(compressed);
      out.writeBytes(output, 0, compressed);
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /**
   * Decompresses a whole chunk per call, and keeps the last one: Lucene asks for one document at
   * a time, and the documents of a search page often share chunks (warm segments keep a service's
   * events together). The kept chunk is identified by the input and the file pointer where its
   * compressed bytes start; a decompressor reads one immutable file, so that cannot go stale.
   */
  private static final class ZstdDecompressor extends Decompressor {
    private byte[] compressed = BytesRef.EMPTY_BYTES;
    private byte[] chunk = BytesRef.EMPTY_BYTES;
    private DataInput chunkInput;
    private long chunkPointer = -1;
    private int chunkLength;

    @Override
    public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes)
        throws IOException {
      if (length == 0) { // nothing asked for; like Lucene's own modes, the input is left unread
        bytes.length = 0;
        return;
      }
      long pointer = in instanceof IndexInput input ? input.getFilePointer() : -1;
      int compressedLength = in.readVInt();
      if (compressedLength < 0 || compressedLength > Zstd.compressBound(originalLength)) {
        throw new CorruptIndexException("zstd chunk of " + compressedLength + " bytes cannot hold "
            + originalLength + " bytes", in);
      }
      if (pointer >= 0 && in == chunkInput && pointer == chunkPointer && originalLength == chunkLength) {
        in.skipBytes(compressedLength); // leave the input where a full read would
      } else {
        chunkPointer = -1; // until this chunk is decompressed whole
        decompressChunk(in, originalLength, compressedLength);
        chunkInput = in;
        chunkPointer = pointer;
        chunkLength = originalLength;
      }
      bytes.bytes = chunk;
      bytes.offset = offset;
      bytes.length = length;
    }

    private void decompressChunk(DataInput in, int originalLength, int compressedLength) throws IOException {
      compressed = ArrayUtil.growNoCopy(compressed, compressedLength);
      in.readBytes(compressed, 0, compressedLength);
      chunk = ArrayUtil.growNoCopy(chunk, originalLength);
      long produced;
      try {
        produced = Zstd.decompressByteArray(chunk, 0, originalLength, compressed, 0, compressedLength);
      } catch (ZstdException e) {
        throw new CorruptIndexException("zstd chunk does not decompress: " + e.getMessage(), in, e);
      }
      if (Zstd.isError(produced) || produced != originalLength) {
        throw new CorruptIndexException("zstd chunk decompressed to " + (Zstd.isError(produced)
            ? Zstd.getErrorName(produced) : produced + " bytes") + ", expected " + originalLength, in);
      }
    }

    @Override
    public Decompressor clone() {
      return new ZstdDecompressor();
    }
  }
}
