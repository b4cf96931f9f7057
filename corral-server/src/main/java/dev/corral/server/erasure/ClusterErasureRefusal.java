package dev.corral.server.erasure;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.util.List;

/**
 * Erasure's routes on a store that is an OpenSearch cluster ({@code store.backend: opensearch}): {@code
 * POST} and {@code GET /api/v1/admin/delete} answer 501 saying why and what to do instead, rather than a
 * 404 that reads like a wrong URL. An erasure is journaled, resumed after a crash and reaches the archive
 * and the raw backup day by day ({@link ErasureService}); on a cluster the days are the cluster's, under
 * its own lifecycle, so the cluster's {@code _delete_by_query} erases there. Stateless.
 */
public final class ClusterErasureRefusal implements Service {
  /** What a caller reads: the backend, why, and the cluster's own way. */
  static final String REASON = "erasure runs on the local store only, and store.backend is opensearch: the events "
      + "live in the OpenSearch cluster; erase them there with POST /<index_prefix>-*/_delete_by_query"
      + "?refresh=true&conflicts=proceed and the filter as a query (docs/scale-out.md, \"What only the local store does\")";

  @Override
  public String name() {
    return "erasure";
  }

  @Override
  public List<Route> routes() {
    Handler refuse = request -> {
      throw new HttpError(501, REASON);
    };
    return List.of(Route.admin("POST", ErasureService.PATH, refuse), Route.admin("GET", ErasureService.PATH, refuse));
  }
}
