package dev.corral.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A FileChannel that behaves like one on a filling disk: after {@code spaceLeft} bytes, writes
 * write what still fits and then throw "No space left on device". Can also make truncation
 * fail, to reach the path where the WAL stops for good. Limits are shared by all channels of
 * one {@link Disk}.
 */
final class FailingChannel extends FileChannel {
  /** Space and failure switches shared by every channel opened through {@link #opener()}. */
  static final class Disk {
    final AtomicLong spaceLeft = new AtomicLong(Long.MAX_VALUE);
    final AtomicBoolean failTruncate = new AtomicBoolean();

    ChannelOpener opener() {
      return (path, options) -> new FailingChannel(FileChannel.open(path, options), this);
    }
  }

  private final FileChannel delegate;
  private final Disk disk;

  private FailingChannel(FileChannel delegate, Disk disk) {
    this.delegate = delegate;
    this.disk = disk;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    long left = disk.spaceLeft.get();
    if (left >= src.remaining()) {
      disk.spaceLeft.addAndGet(-src.remaining());
      return delegate.write(src);
    }
    ByteBuffer part = src.slice().limit((int) left);
    int written = delegate.write(part);
    src.position(src.position() + written);
    disk.spaceLeft.set(0);
    throw new IOException("No space left on device");
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    if (disk.failTruncate.get()) {
      throw new IOException("Input/output error (injected truncate failure)");
    }
    delegate.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    delegate.force(metaData);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    throw new UnsupportedOperationException("the WAL writes one buffer at a time");
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    return delegate.write(src, position);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return delegate.transferFrom(src, position, count);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
