package dev.corral.server.http;

import dev.corral.model.EventBatch;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import dev.corral.wal.WalStats;
import dev.corral.wal.WriteAheadLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/stats}: WAL, indexing backlog, partitions and socket-input counters (UDP
 * datagrams received and dropped, TCP connections open and refused), for operators and benchmarks.
 */
public final class StatsHandler implements Handler {
  private final LogStore store;
  private final WriteAheadLog<EventBatch> wal;
  /** The socket inputs; read at request time (the list may be filled after the routes are made). */
  private final List<InputListener> inputs;

  public StatsHandler(LogStore store, WriteAheadLog<EventBatch> wal, List<InputListener> inputs) {
    this.store = store;
    this.wal = wal;
    this.inputs = inputs;
  }

  @Override
  public Response handle(Request request) throws java.io.IOException {
    WalStats walStats = wal.stats();
    Map<String, Object> walJson = new LinkedHashMap<>();
    walJson.put("segments", walStats.segments());
    walJson.put("bytes_on_disk", walStats.bytesOnDisk());
    walJson.put("appends", walStats.appends());
    walJson.put("group_commits", walStats.groupCommits());
    walJson.put("start_position", wal.startPosition());
    walJson.put("end_position", wal.endPosition());
    walJson.put("checkpoint", store.checkpoint());
    List<Map<String, Object>> partitions = new ArrayList<>();
    for (PartitionInfo partition : store.partitions()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("day", partition.day().toString());
      p.put("events", partition.docCount());
      p.put("size_bytes", partition.sizeBytes());
      p.put("tier", partition.tier().label());
      p.put("committed_position", partition.committedPosition());
      partitions.add(p);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("wal", walJson);
    json.put("pending_events", store.pendingEvents());
    json.put("partitions", partitions);
    Map<String, Object> inputJson = new LinkedHashMap<>();
    for (InputListener input : List.copyOf(inputs)) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("port", input.port());
      one.putAll(input.counters());
      inputJson.put(input.name(), one);
    }
    json.put("inputs", inputJson);
    return Response.json(200, Json.bytes(json));
  }
}
