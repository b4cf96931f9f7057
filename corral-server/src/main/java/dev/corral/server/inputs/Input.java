package dev.corral.server.inputs;

import dev.corral.server.service.Service;
import java.util.List;

/**
 * One way data comes into Corral: a protocol decoder bound to a socket or to HTTP paths. An input
 * decodes its protocol into events and dead letters and writes them only to the
 * {@link dev.corral.server.ingest.IngestSink}; a refusal of the sink becomes its protocol's answer
 * (an HTTP status through {@code http.RefusalStatus}, or backpressure on a socket: stop reading,
 * retry after the hint).
 *
 * <p>Contract, on top of {@link Service}'s: {@link #name()} is the input's stable name, also its
 * metric label and the {@code dead_letter.input} of what it cannot decode; an HTTP input serves
 * its {@link #routes()} on the API's port and binds nothing in {@link #start()}; a socket input
 * binds its port in {@link #start()} (failing with the port named) and releases it in
 * {@link #close()}. {@link #stats()} holds at least {@code events}, {@code dead_letters} and
 * {@code refused_requests}. Thread-safe.
 */
public interface Input extends Service {
  /** Where the input takes data now: its HTTP routes, or its bound port once started. */
  List<Endpoint> endpoints();
}
