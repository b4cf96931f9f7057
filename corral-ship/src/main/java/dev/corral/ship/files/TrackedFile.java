package dev.corral.ship.files;

import dev.corral.ship.RecordSink;
import dev.corral.ship.SourceStatus;
import dev.corral.ship.decode.RecordAssembler;
import dev.corral.ship.decode.RecordAssembly;
import dev.corral.ship.lines.LineReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One file a files input knows, by identity: where it is, how far it was sent, whether it is open. The input's
 * reading thread drives it; the delivery thread acknowledges through its {@link FileSource}; status readers see the
 * volatile fields.
 */
final class TrackedFile {
  enum State { WAITING, OPEN, CLOSED }

  private final FileIdentity identity;
  private final Registry registry;
  private volatile Path path;
  private volatile Fingerprint fingerprint;
  private volatile int generation;
  private volatile FileSource source;
  private volatile long size;
  private volatile State state = State.WAITING;
  private volatile long resumeOffset;   // where reading starts when the file is opened
  private volatile long sent = -1;      // the offset past the last record sent since the file was opened
  private int maxLineBytes;
  private FileChannel channel;
  private LineReader reader;
  private RecordAssembler assembler;
  long lastDataNanos;
  long nextLookNanos;                   // a quiet file is not read before this (backoff)
  long backoffNanos;                    // how long it waits now: doubles while it stays quiet
  boolean outOfView;                    // no scan finds it by its globs any more (renamed away or deleted)
  boolean deleted;                      // out of view and not in its directory under any name

  TrackedFile(FileIdentity identity, Path path, Fingerprint fingerprint, long start, Registry registry) {
    this.identity = identity;
    this.path = path;
    this.fingerprint = fingerprint;
    this.registry = registry;
    this.resumeOffset = start;
    this.source = new FileSource(this, 0, start);
  }

  FileIdentity identity() {
    return identity;
  }

  Path path() {
    return path;
  }

  void movedTo(Path newPath) {
    path = newPath;
  }

  State state() {
    return state;
  }

  void waitToOpen() {
    state = State.WAITING;
  }

  long resumeOffset() {
    return resumeOffset;
  }

  Fingerprint fingerprint() {
    return fingerprint;
  }

  void sizeSeen(long newSize) {
    size = newSize;
  }

  /** The registry entry for starting this file at {@code start} without having read it. */
  RegistryEntry entryAt(long start) {
    return new RegistryEntry(path.toString(), identity.device(), identity.inode(),
        fingerprint == null ? null : fingerprint.text(), start, System.currentTimeMillis());
  }

  /** Called by {@link FileSource}: writes what was acknowledged so far (see {@link Registry#persistAcknowledged}). */
  void persistAcknowledged() {
    registry.persistAcknowledged();
  }

  /** Called by {@link FileSource}: records the offset if the generation is still current. */
  void acknowledged(int ofGeneration, long offset) {
    if (ofGeneration == generation) {
      registry.acknowledge(identity, path.toString(), fingerprint, offset);
    }
  }

  /**
   * Opens the file at its resume offset. A file whose first bytes are no longer those fingerprinted (truncated and
   * rewritten while closed, or a new file on a reused inode) starts again at 0.
   *
   * @return false when the path now names another file (replaced before it could be opened): the caller forgets it
   */
  boolean open(FileOpener opener, RecordAssembly assembly, int maxLineBytes, RecordSink sink) throws IOException {
    FileChannel opened = opener.open(path);
    try {
      FileIdentity.Stat stat = FileIdentity.stat(path);
      if (stat == null || !stat.identity().equals(identity)) {
        opened.close();
        return false;
      }
      size = opened.size();
      if (fingerprint != null && !fingerprint.matches(opened) || size < resumeOffset) {
        fingerprint = size == 0 ? null : Fingerprint.of(opened);
        startOver(0);
      } else if (fingerprint == null && size > 0 || fingerprint != null && fingerprint.canGrow(size)) {
        fingerprint = Fingerprint.of(opened);
      }
      opened.position(resumeOffset);
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
    channel = opened;
    this.maxLineBytes = maxLineBytes;
    sent = -1;
    reader = new LineReader(channel, resumeOffset, maxLineBytes);
    assembler = assembly.open(source, path, sink);
    state = State.OPEN;
    return true;
  }

  /**
   * Reads up to about {@code budget} bytes, handing the records they complete to the sink.
   *
   * @return the bytes read, 0 at the file's current end
   */
  long read(long budget) throws IOException, InterruptedException {
    long total = 0;
    int read;
    while (total < budget && (read = reader.read(assembler)) > 0) {
      total += read;
    }
    sent = assembler.sentOffset();
    return total;
  }

  /** Completes a multiline group whose timeout passed. */
  void tick(long nowNanos) throws InterruptedException {
    assembler.tick(nowNanos);
    sent = assembler.sentOffset();
  }

  /** The file's size now, through the open handle (the path may name another file by now). */
  long currentSize() throws IOException {
    long now = channel.size();
    size = now;
    return now;
  }

  /**
   * Whether the file is now shorter than what was read, or its first bytes are no longer those fingerprinted
   * (truncated, then written past the old offset since the last check). Takes or lengthens the fingerprint only
   * while the content still matches it, so new content never passes for the old.
   */
  boolean shrankOrReplaced() throws IOException {
    long now = currentSize();
    if (now < reader.readOffset()) {
      return true;
    }
    if (fingerprint == null) {
      if (now > 0) {
        fingerprint = Fingerprint.of(channel);
      }
      return false;
    }
    if (!fingerprint.matches(channel)) {
      return true;
    }
    if (fingerprint.canGrow(now)) {
      fingerprint = Fingerprint.of(channel);
    }
    return false;
  }

  long readOffset() {
    return reader.readOffset();
  }

  /**
   * The file shrank below what was read (copytruncate, or {@code > file}): sends the open multiline group, drops an
   * unterminated line (its whole is in what was truncated: the rotated copy), then starts a new generation at
   * offset 0 and reads it from there.
   */
  void truncated(RecordAssembly assembly, RecordSink sink) throws IOException, InterruptedException {
    assembler.finish();
    fingerprint = channel.size() == 0 ? null : Fingerprint.of(channel);
    startOver(0);
    channel.position(0);
    reader = new LineReader(channel, 0, maxLineBytes);
    assembler = assembly.open(source, path, sink);
    sent = -1;
  }

  /** The file is gone for good (deleted, read to its end): sends its unterminated last line and open group. */
  void finish() throws InterruptedException {
    reader.drainPartial(assembler);
    assembler.finish();
    sent = assembler.sentOffset();
  }

  /**
   * Releases the handle; the file resumes after the last record sent (lines of an open multiline group or an
   * unterminated line are read again when it is reopened).
   */
  void close() {
    if (state != State.OPEN) {
      return;
    }
    if (sent >= 0) {
      resumeOffset = sent;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // closing a read-only handle: nothing was buffered that could be lost
    }
    channel = null;
    reader = null;
    assembler = null;
    state = State.CLOSED;
  }

  SourceStatus status() {
    long sentNow = sent;
    long read = state == State.OPEN && sentNow >= 0 ? sentNow : resumeOffset;
    return new SourceStatus(path.toString(), read, source.acknowledgedOffset(), size, state == State.OPEN);
  }

  private void startOver(long start) {
    generation++;
    resumeOffset = start;
    source = new FileSource(this, generation, start);
    registry.reset(entryAt(start));
  }
}
