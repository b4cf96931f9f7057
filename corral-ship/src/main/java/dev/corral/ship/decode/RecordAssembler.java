package dev.corral.ship.decode;

import dev.corral.ship.RecordSink;
import dev.corral.ship.ShipRecord;
import dev.corral.ship.Source;
import dev.corral.ship.lines.Line;
import dev.corral.ship.lines.LineSink;
import dev.corral.ship.lines.MultilineJoiner;

/**
 * The records of one source: each line read goes through container framing (when the input reads container
 * logs), then multiline joining (when configured), then {@link EventEncoder}, and reaches the sink as a
 * {@link ShipRecord} whose offset is the end of its last line. Lines held in an open group or an unfinished
 * container message are not acknowledged until their record is sent. Not thread-safe: the source's reading thread
 * calls it.
 */
public final class RecordAssembler implements LineSink {
  private final RecordAssembly assembly;
  private final StaticFields fields;
  private final Source source;
  private final RecordSink sink;
  private final EventEncoder encoder;
  private final MultilineJoiner joiner;
  private final ContainerLogJoiner containers;
  private ContainerLogLine groupFraming;   // framing of the open multiline group's first line
  private ContainerLogLine nextFraming;    // framing of the line being added
  private long sentOffset = -1;
  private long records;

  RecordAssembler(RecordAssembly assembly, StaticFields fields, Source source, RecordSink sink) {
    this.assembly = assembly;
    this.fields = fields;
    this.source = source;
    this.sink = sink;
    this.encoder = new EventEncoder(assembly.format());
    this.joiner = assembly.multiline() == null ? null : assembly.multiline().joiner();
    this.containers = assembly.containers() ? new ContainerLogJoiner(assembly.maxBytes()) : null;
  }

  /** Takes the next line read from the source. */
  @Override
  public void accept(Line raw) throws InterruptedException {
    Line line = raw;
    ContainerLogLine framing = null;
    if (containers != null) {
      framing = containers.accept(raw.text());
      if (framing == null) {
        return; // a piece of a longer message
      }
      line = new Line(framing.message(), raw.endOffset(), raw.truncated() || framing.truncated());
    }
    if (joiner == null) {
      send(line, framing);
      return;
    }
    nextFraming = framing;
    if (!joiner.isOpen()) {
      groupFraming = framing;
    }
    joiner.add(line, System.nanoTime(), this::sendGroup);
  }

  /** Completes an open multiline group when its timeout passed without a new line. */
  public void tick(long nowNanos) throws InterruptedException {
    if (joiner != null) {
      joiner.flushIfIdle(nowNanos, this::sendGroup);
    }
  }

  /** The source ended (or was reset): the open group is complete. */
  public void finish() throws InterruptedException {
    if (joiner != null) {
      joiner.flush(this::sendGroup);
    }
  }

  /** Whether lines wait in an open multiline group (their offsets are not yet sent). */
  public boolean holdsLines() {
    return joiner != null && joiner.isOpen() || containers != null && containers.hasPending();
  }

  /** The offset just past the last record sent, or -1 before the first. */
  public long sentOffset() {
    return sentOffset;
  }

  public long records() {
    return records;
  }

  private void sendGroup(Line group) throws InterruptedException {
    ContainerLogLine framing = groupFraming;
    groupFraming = nextFraming; // the line that completed this group (if it did) begins the next one
    send(group, framing);
  }

  private void send(Line line, ContainerLogLine framing) throws InterruptedException {
    String json;
    if (framing == null || framing.stream() == null) {
      json = encoder.encode(line.text(), line.truncated(), fields);
    } else {
      StaticFields plain = framing.time() == null ? StaticFields.none()
          : StaticFields.none().with("timestamp", framing.time());
      json = encoder.encode(line.text(), line.truncated(), fields.with("stream", framing.stream()), plain);
    }
    sink.accept(new ShipRecord(json, source, line.endOffset(), assembly.pipeline()));
    sentOffset = line.endOffset();
    records++;
  }
}
