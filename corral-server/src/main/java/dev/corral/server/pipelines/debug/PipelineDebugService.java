package dev.corral.server.pipelines.debug;

import dev.corral.pipeline.engine.ProcessorCatalog;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.util.List;

/**
 * The pipeline debugger's routes ({@link SimulateHandler}, {@link GrokHandler}). Both are admin
 * routes: debugging is part of writing a pipeline, which is an admin write, and a simulation runs
 * arbitrary regular expressions on the server's CPU (bounded per event, but still work a read key
 * should not be able to order). Holds nothing; starting and stopping are no-ops.
 */
public final class PipelineDebugService implements Service {
  private final ProcessorCatalog catalog;

  /** @param catalog the processors a simulated definition may use (those of the ingest path) */
  public PipelineDebugService(ProcessorCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public String name() {
    return "pipeline-debug";
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.admin("POST", SimulateHandler.ROUTE, new SimulateHandler(catalog)),
        Route.admin("POST", GrokHandler.ROUTE, new GrokHandler()));
  }
}
