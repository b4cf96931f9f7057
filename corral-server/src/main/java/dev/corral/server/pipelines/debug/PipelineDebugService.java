package dev.corral.server.pipelines.debug;

import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.engine.ProcessorCatalog;
import dev.corral.server.http.Route;
import dev.corral.server.pipelines.PipelineLibrary;
import dev.corral.server.service.Service;
import java.util.List;

/**
 * The pipeline debugger's routes ({@link SimulateHandler}, {@link GrokHandler}, and {@link
 * StoredSimulateHandler} for a stored pipeline). All are admin
 * routes: debugging is part of writing a pipeline, which is an admin write, and a simulation runs
 * arbitrary regular expressions on the server's CPU (bounded per event, but still work a read key
 * should not be able to order). Holds nothing; starting and stopping are no-ops.
 */
public final class PipelineDebugService implements Service {
  private final ProcessorCatalog catalog;
  private final PipelineLibrary library;
  private final DocumentLimits limits;

  /**
   * @param catalog the processors a simulated definition may use (those of the ingest path)
   * @param library the stored pipelines, which {@code POST /api/v1/pipelines/{id}/simulate} runs
   * @param limits how large a pipeline may make one event (the ingest limits)
   */
  public PipelineDebugService(ProcessorCatalog catalog, PipelineLibrary library, DocumentLimits limits) {
    this.catalog = catalog;
    this.library = library;
    this.limits = limits;
  }

  @Override
  public String name() {
    return "pipeline-debug";
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.admin("POST", SimulateHandler.ROUTE, new SimulateHandler(catalog)),
        Route.admin("POST", GrokHandler.ROUTE, new GrokHandler()),
        Route.admin("POST", StoredSimulateHandler.ROUTE, new StoredSimulateHandler(library, limits)));
  }
}
