package dev.corral.ship.journald;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.ship.Input;
import dev.corral.ship.RecordSink;
import dev.corral.ship.ShipRecord;
import dev.corral.ship.Source;
import dev.corral.ship.SourceStatus;
import dev.corral.ship.decode.EventEncoder;
import dev.corral.ship.decode.RecordAssembly;
import dev.corral.ship.files.AtomicFile;
import dev.corral.ship.lines.Line;
import dev.corral.ship.lines.LineReader;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code journald} input: runs {@code <command> -o json -f} plus where to begin ({@code --after-cursor <cursor>}
 * from its state file, else {@code --since now} for {@code start_at: end} (its default) or {@code -n all} for
 * {@code beginning}), and maps each entry with {@link JournalEntry}.
 *
 * <p>Offsets are entry numbers counted from the input's start; the cursor of each number sent is kept until it is
 * acknowledged, and the acknowledged one is written (atomically) to {@code <registry dir>/<name>.json}, so a restart
 * resumes after the last acknowledged entry. When the command exits, it is started again after
 * {@link #RESTART_DELAY_MILLIS}, after the last entry sent. A line that is not JSON is logged once and skipped.
 */
public final class JournaldInput implements Input {
  private static final Logger LOG = LoggerFactory.getLogger(JournaldInput.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** journalctl -f exits only when killed or broken: a second between restarts keeps a broken command from spinning. */
  static final long RESTART_DELAY_MILLIS = 1000;
  /** A journal entry is at most a few hundred KiB; journald itself caps fields at 64 KiB by default. */
  private static final int MAX_ENTRY_BYTES = 4 << 20;

  private final String name;
  private final List<String> command;
  private final boolean startAtEnd;
  private final RecordAssembly assembly;
  private final Path stateFile;
  private final Cursors source = new Cursors();
  private final Object stop = new Object();
  private volatile String sentCursor;
  private volatile long sent;
  private volatile Process process;
  private volatile boolean closed;
  private boolean badLineLogged;

  /**
   * @param command the journal reader and its leading arguments ({@code [journalctl]})
   * @throws IOException when the state file exists but cannot be read
   */
  public JournaldInput(String name, List<String> command, boolean startAtEnd, RecordAssembly assembly,
      Path registryDir) throws IOException {
    this.name = name;
    this.command = List.copyOf(command);
    this.startAtEnd = startAtEnd;
    this.assembly = assembly;
    Files.createDirectories(registryDir);
    this.stateFile = registryDir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    if (Files.exists(stateFile)) {
      JsonNode state = JSON.readTree(stateFile.toFile());
      JsonNode cursor = state == null ? null : state.get("cursor");
      sentCursor = cursor == null || !cursor.isTextual() ? null : cursor.asText();
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** The command line the next start runs. */
  List<String> commandLine() {
    List<String> line = new ArrayList<>(command);
    line.addAll(List.of("-o", "json", "-f"));
    String cursor = sentCursor;
    if (cursor != null) {
      line.addAll(List.of("--after-cursor", cursor));
    } else if (startAtEnd) {
      line.addAll(List.of("--since", "now"));
    } else {
      line.addAll(List.of("-n", "all"));
    }
    return line;
  }

  @Override
  public void run(RecordSink sink) throws InterruptedException, IOException {
    EventEncoder encoder = new EventEncoder(assembly.format());
    while (!closed) {
      List<String> line = commandLine();
      Process started;
      try {
        started = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      } catch (IOException e) {
        throw new IOException("input " + name + ": cannot run \"" + String.join(" ", line) + "\" (its command: option): "
            + e.getMessage(), e);
      }
      process = started;
      LOG.info("ship journald started input={} command=\"{}\"", name, String.join(" ", line));
      LineReader reader = new LineReader(Channels.newChannel(started.getInputStream()), 0, MAX_ENTRY_BYTES);
      try {
        while (!closed && reader.read(entryLine -> send(entryLine, encoder, sink)) >= 0) {
          // each read hands its complete lines to send
        }
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("ship journald read failed input={} error=\"{}\"", name, e.toString());
        }
      } finally {
        started.destroy();
      }
      int exit = started.waitFor();
      if (closed) {
        break;
      }
      LOG.warn("ship journald command exited input={} exit={} (started again in {}ms after the last entry sent)", name,
          exit, RESTART_DELAY_MILLIS);
      synchronized (stop) {
        stop.wait(RESTART_DELAY_MILLIS);
      }
    }
  }

  private void send(Line line, EventEncoder encoder, RecordSink sink) throws InterruptedException {
    JsonNode entry;
    try {
      entry = JSON.readTree(line.text());
    } catch (IOException e) {
      entry = null;
    }
    if (entry == null || !entry.isObject()) {
      if (!badLineLogged) {
        LOG.warn("ship journald line is not a JSON entry input={} (skipped; logged once)", name);
        badLineLogged = true;
      }
      return;
    }
    JournalEntry mapped = JournalEntry.of(entry, assembly.fields());
    long offset = ++sent;
    if (mapped.cursor() != null) {
      source.cursors.put(offset, mapped.cursor());
      sentCursor = mapped.cursor();
    }
    String json = encoder.encode(mapped.message(), line.truncated(), mapped.fields());
    sink.accept(new ShipRecord(json, source, offset, assembly.pipeline()));
  }

  @Override
  public List<SourceStatus> status() {
    return List.of(new SourceStatus(source.id(), sent, source.acknowledged, -1, process != null && process.isAlive()));
  }

  @Override
  public void close() {
    closed = true;
    Process running = process;
    if (running != null) {
      running.destroy();
    }
    synchronized (stop) {
      stop.notifyAll();
    }
  }

  /** The journal as a source: each acknowledged offset's cursor is persisted as the resume point. */
  private final class Cursors implements Source {
    final ConcurrentSkipListMap<Long, String> cursors = new ConcurrentSkipListMap<>();
    volatile long acknowledged;

    @Override
    public String id() {
      return "journald";
    }

    @Override
    public synchronized void acknowledged(long offset) {
      Map.Entry<Long, String> last = cursors.floorEntry(offset);
      acknowledged = Math.max(acknowledged, offset);
      if (last == null) {
        return;
      }
      cursors.headMap(offset, true).clear();
      try {
        AtomicFile.write(stateFile, JSON.writeValueAsBytes(Map.of("cursor", last.getValue())));
      } catch (IOException e) {
        LOG.warn("ship journald cursor not written input={} file={} error=\"{}\"", name, stateFile, e.toString());
      }
    }
  }
}
