package dev.corral.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * An ingest made ready by {@link Peer#prepareUpload}, for a caller that paces and times it itself (the mixed
 * phase): the uploader pointed at the peer's ingest endpoint, and the request bodies to post in order.
 *
 * @param uploader posts the bodies with durable acknowledgements, as in the peer's own ingest
 * @param bodies one request body per dataset batch, in the dataset's order
 */
public record PreparedUpload(BatchUploader uploader, List<Path> bodies) {
  public PreparedUpload {
    bodies = NumberedFiles.isView(bodies) ? bodies : List.copyOf(bodies);
  }
}
