package dev.corral.server.archive;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;

/**
 * {@code POST /api/v1/admin/archive/run} (admin): runs an archive pass now, whatever the backoff,
 * and answers when it is done (200) with what it did: {@code {"started","took_ms","archived",
 * "removed_locally","deleted_from_bucket","aborted_uploads","failures":{day: reason},"error"}}. A
 * pass that failed still answers 200: the failure is in the body, as in the stats. 409 when the
 * archive is off.
 */
final class ArchiveRunHandler implements Handler {
  private final ArchiveService archive;

  ArchiveRunHandler(ArchiveService archive) {
    this.archive = archive;
  }

  /** 409 when the archive is off: the archive's admin routes need it. */
  static void requireOn(ArchiveService archive) throws HttpError {
    if (!archive.enabled()) {
      throw new HttpError(409, "the archive is off: set archive.url (docs/operations.md, Archive)");
    }
  }

  @Override
  public Response handle(Request request) throws HttpError {
    requireOn(archive);
    return Response.json(200, Json.bytes(ArchiveService.passJson(archive.runPass())));
  }
}
