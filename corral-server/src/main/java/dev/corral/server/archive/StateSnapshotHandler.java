package dev.corral.server.archive;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /api/v1/admin/archive/state} (admin): uploads a snapshot of the server's state files
 * now (docs/operations.md, "Disaster recovery") and answers {@code {"snapshot": "<id>"}} ({@code "none"}
 * when there is no state file yet); 409 when the
 * archive is off, 503 naming the object and the store's reason when the upload fails.
 */
final class StateSnapshotHandler implements Handler {
  private final ArchiveService archive;

  StateSnapshotHandler(ArchiveService archive) {
    this.archive = archive;
  }

  @Override
  public Response handle(Request request) throws HttpError {
    ArchiveRunHandler.requireOn(archive);
    try {
      java.util.Optional<String> snapshot = archive.snapshotState(true);
      return Response.json(200, Json.bytes(snapshot.<Map<String, Object>>map(id -> Map.of("snapshot", id))
          .orElse(Map.of("snapshot", "none", "reason", "the data directory has no state file yet"))));
    } catch (IOException e) {
      throw new HttpError(503, "the state snapshot was not uploaded: " + e.getMessage());
    }
  }
}
