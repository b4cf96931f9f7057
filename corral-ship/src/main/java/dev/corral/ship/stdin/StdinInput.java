package dev.corral.ship.stdin;

import dev.corral.ship.Input;
import dev.corral.ship.RecordSink;
import dev.corral.ship.Source;
import dev.corral.ship.SourceStatus;
import dev.corral.ship.decode.RecordAssembler;
import dev.corral.ship.decode.RecordAssembly;
import dev.corral.ship.lines.Line;
import dev.corral.ship.lines.LineReader;
import dev.corral.ship.lines.LineSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

/**
 * The {@code stdin} input: reads lines from the shipper's standard input until its end, then {@link #run} returns
 * (after completing an open multiline group and an unterminated last line); an open group is completed after its
 * timeout even while the writer pauses. Offsets count lines: a record's offset
 * is the number of lines read up to its last one. Nothing is persisted: a stream cannot be resumed.
 */
public final class StdinInput implements Input {
  /** How often an open multiline group looks for more input: the precision of its timeout. */
  private static final long POLL_MILLIS = 20;

  private final String name;
  private final InputStream in;
  private final RecordAssembly assembly;
  private final int maxLineBytes;
  private final LineCount source = new LineCount();
  private volatile long lines;
  private volatile boolean closed;

  public StdinInput(String name, InputStream in, RecordAssembly assembly, int maxLineBytes) {
    this.name = name;
    this.in = in;
    this.assembly = assembly;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void run(RecordSink sink) throws InterruptedException, IOException {
    RecordAssembler assembler = assembly.open(source, null, sink);
    ReadableByteChannel channel = Channels.newChannel(in);
    LineReader reader = new LineReader(channel, 0, maxLineBytes);
    LineSink counted = line -> assembler.accept(new Line(line.text(), ++lines, line.truncated()));
    while (!closed) {
      awaitInputOrFlush(assembler);
      if (reader.read(counted) < 0) {
        break;
      }
      assembler.tick(System.nanoTime());
    }
    if (!closed) {
      reader.drainPartial(counted);
      assembler.finish();
    }
  }

  /**
   * While a multiline group is open, waits for input without blocking in a read, so the group is completed when its
   * timeout passes even if the writer pauses (a blocked read could not be interrupted to flush it).
   */
  private void awaitInputOrFlush(RecordAssembler assembler) throws IOException, InterruptedException {
    while (!closed && assembler.holdsLines() && in.available() == 0) {
      Thread.sleep(POLL_MILLIS);
      assembler.tick(System.nanoTime());
    }
  }

  @Override
  public List<SourceStatus> status() {
    return List.of(new SourceStatus(source.id(), lines, source.acknowledged, -1, !closed));
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Standard input as a source: offsets are line counts; acknowledgements are only shown in status. */
  private static final class LineCount implements Source {
    private volatile long acknowledged;

    @Override
    public String id() {
      return "stdin";
    }

    @Override
    public void acknowledged(long offset) {
      acknowledged = Math.max(acknowledged, offset);
    }
  }
}
