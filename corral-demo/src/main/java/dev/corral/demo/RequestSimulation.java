package dev.corral.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays one user request through its flow: every hop picks a pod, spends log-normal time,
 * calls its children in order and its external dependency, and logs an access line when it
 * answers. Failures travel upstream: a critical child's 5xx makes its caller answer 502, a 4xx is
 * passed on, a non-critical child's failure is logged as a WARN and skipped.
 */
final class RequestSimulation {
  /** Share of hops that fail on their own, outside any incident: a low, steady error rate. */
  static final double BASE_ERROR_RATE = 0.002;
  /** The flaky one: an ML service that fails now and then; its callers carry on without it. */
  static final String FLAKY_SERVICE = "recommendation";
  static final double FLAKY_ERROR_RATE = 0.03;
  /** Share of hops that take 4-20 times longer than usual (GC pauses, cold caches). */
  static final double TAIL_RATE = 0.01;
  /** Share of checkouts the card processor fails while a payment outage is on. */
  static final double OUTAGE_FAILURE_RATE = 0.7;
  /** The payment gateway's read timeout towards the card processor; short, so a demo shows errors soon. */
  static final double PROCESSOR_TIMEOUT_MS = 5_000;
  /** Of the checkouts an outage fails, the share that time out; the rest are declined at once. */
  static final double OUTAGE_TIMEOUT_SHARE = 0.6;
  static final double MAX_LATENCY_MS = 30_000;

  private final Dice dice;
  private final Map<String, List<Pod>> pods;
  private final IncidentSchedule incidents;
  private final Consumer<SimEvent> sink;

  RequestSimulation(Dice dice, Map<String, List<Pod>> pods, IncidentSchedule incidents, Consumer<SimEvent> sink) {
    this.dice = dice;
    this.pods = pods;
    this.incidents = incidents;
    this.sink = sink;
  }

  /** Simulates one request of {@code flow} arriving at {@code start}. */
  void run(RequestFlow flow, Instant start) {
    RequestScope scope = RequestScope.draw(flow, dice);
    boolean refused = dice.chance(flow.clientErrorRate());
    hop(flow.root(), scope, start, null, refused);
  }

  private record Outcome(Instant end, int status) {}

  private Outcome hop(Call call, RequestScope scope, Instant start, Pod caller, boolean refused) {
    ShopService service = ShopCatalog.service(call.service());
    Pod pod = dice.pick(pods.get(service.name()));
    Hop hop = new Hop(pod, dice.hex(16), call.handler(), scope);
    double selfMs = latencyMs(service);
    Instant t = plusMs(start, selfMs * 0.3);
    if (dice.chance(0.05)) {
      hop.log(plusMs(start, 0.05), Severity.DEBUG, "handling " + call.method() + " " + scope.resolve(call.path()),
          null, null);
    }
    int status = call.method().equals("POST") && caller != null ? 201 : 200;
    boolean isFirstDownstream = caller != null && caller.service().name().equals("api-gateway");
    if (refused && isFirstDownstream) {
      status = scope.flow().clientErrorStatus();
      hop.log(t, Severity.WARN, scope.flow().clientErrorMessage(), null, null);
    } else {
      for (Call child : call.children()) {
        Outcome result = hop(child, scope, t, pod, refused);
        t = plusMs(result.end(), 0.2 + dice.uniform());
        if (result.status() < 400) {
          continue;
        }
        if (!child.critical()) {
          hop.log(t, Severity.WARN, child.service() + " unavailable (" + result.status() + "), continuing without it",
              null, null);
          continue;
        }
        status = cascade(hop, call, child, result.status(), t);
        break;
      }
      if (status < 400 && service.external() != null) {
        ExternalCall ext = externalCall(hop, service, t);
        t = plusMs(t, ext.timeTakenMs());
        if (ext.status() >= 400) {
          status = ext.status();
        }
      }
      double errorRate = service.name().equals(FLAKY_SERVICE) ? FLAKY_ERROR_RATE : BASE_ERROR_RATE;
      if (status < 400 && dice.chance(errorRate)) {
        status = 500;
        String[] failure = FailureCatalog.bug(service.platform(), dice);
        hop.fail(t, "unhandled error in " + call.handler() + ": " + failure[1],
            StackTraces.of(service, call.handler(), failure[0], failure[1], null));
      }
      if (status < 400) {
        BusinessLog business = BusinessEvents.of(service.name(), call.handler(), scope, dice);
        if (business != null) {
          hop.log(t, business.severity(), business.message(), null, business.context());
        }
      }
    }
    Instant end = plusMs(t, selfMs * 0.7);
    double responseMs = round(millisBetween(start, end));
    HttpCall http = new HttpCall(call.method(), scope.resolve(call.path()), status, responseMs,
        caller == null ? scope.userAgent() : clientOf(caller.service()),
        status >= 400 ? dice.between(60, 400) : Math.round(dice.logNormal(call.path().startsWith("/img") ? 60_000 : 2_400, 0.6)),
        caller == null ? scope.clientIp() : caller.ip(), caller == null ? scope.referer() : null);
    sink.accept(new SimEvent(end, pod, Severity.ofStatus(status), "access",
        http.method() + " " + http.uri() + " " + status + " " + responseMs + " ms", scope.traceId(), hop.span(),
        scope.requestId(), scope.userId(), call.handler(), http, null, null, responseMs, memoryOf(service), null));
    return new Outcome(end, status);
  }

  /** The caller's reaction to a critical child's failure; returns the caller's own status. */
  private int cascade(Hop hop, Call call, Call child, int childStatus, Instant t) {
    ShopService service = hop.pod().service();
    if (childStatus < 500) {
      hop.log(t, Severity.WARN, child.service() + " refused the request (" + childStatus + ")", null, null);
      return childStatus;
    }
    if (call.service().equals("api-gateway")) {
      hop.log(t, Severity.ERROR, "upstream " + child.service() + " failed with " + childStatus + " for "
          + call.method() + " " + hop.scope().resolve(call.path()), null, null);
      return 502;
    }
    Failure cause = StackTraces.jvmCause("org.springframework.web.client.HttpServerErrorException$" + reason(childStatus),
        childStatus + " " + reason(childStatus) + " from " + child.service(),
        "org.springframework.web.client.StatusHandler.lambda$defaultHandler$0(StatusHandler.java:86)",
        "org.springframework.web.client.DefaultRestClient.readWithMessageConverters(DefaultRestClient.java:216)");
    String message;
    String type;
    Map<String, Object> context = new LinkedHashMap<>();
    if (child.service().equals("payment-gateway")) {
      message = "payment failed for order " + hop.scope().orderId() + ", releasing stock reservation";
      type = service.codeBase() + ".PaymentFailedException";
      context.put("order_id", hop.scope().orderId());
      context.put("payment_amount", hop.scope().amount());
      context.put("currency", hop.scope().currency());
    } else {
      message = "call to " + child.service() + " failed with " + childStatus;
      type = FailureCatalog.downstreamType(service);
    }
    if (service.platform() != Platform.JVM) {
      cause = null;
    }
    hop.fail(t, message, StackTraces.of(service, call.handler(), type, message, cause), context);
    return 502;
  }

  private ExternalCall externalCall(Hop hop, ShopService service, Instant t) {
    ExternalDependency dep = service.external();
    double ms = dice.logNormal(dep.medianMs(), 0.5);
    int status = dep.protocol().equals("https") ? 200 : 0;
    Severity severity = Severity.INFO;
    String message = dep.method() + " " + dep.host() + " " + dep.endpoint();
    Failure failure = null;
    Map<String, Object> context = new LinkedHashMap<>();
    if (service.name().equals("payment-gateway")) {
      context.put("order_id", hop.scope().orderId());
      context.put("payment_amount", hop.scope().amount());
      context.put("currency", hop.scope().currency());
      boolean outage = incidents.paymentOutage(t);
      if (outage ? dice.chance(OUTAGE_FAILURE_RATE * OUTAGE_TIMEOUT_SHARE) : dice.chance(0.002)) {
        ms = PROCESSOR_TIMEOUT_MS + dice.uniform() * 5;
        status = 504;
        severity = Severity.ERROR;
        message = "card processor timeout after " + (long) PROCESSOR_TIMEOUT_MS + " ms";
        failure = StackTraces.of(service, hop.handler(), service.codeBase() + ".CardProcessorTimeoutException", message,
            StackTraces.jvmCause("java.net.SocketTimeoutException", "Read timed out",
                "java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)",
                "java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)"));
      } else if (outage && dice.chance(OUTAGE_FAILURE_RATE * (1 - OUTAGE_TIMEOUT_SHARE)
          / (1 - OUTAGE_FAILURE_RATE * OUTAGE_TIMEOUT_SHARE))) {
        status = 502;
        severity = Severity.ERROR;
        message = "card declined: issuer unavailable (91)";
        context.put("decline_code", "issuer_unavailable");
        failure = StackTraces.of(service, hop.handler(), service.codeBase() + ".CardDeclinedException", message, null);
      } else if (dice.chance(0.03)) {
        status = 402;
        severity = Severity.WARN;
        message = "card declined";
        context.put("decline_code", dice.pick(List.of("insufficient_funds", "do_not_honor", "expired_card")));
        context.put("card_brand", hop.scope().cardBrand());
      }
    } else if (dep.isDatabase() && service.name().equals(incidents.slowDatabase(t))) {
      ms = dice.logNormal(1_400, 0.5);
      severity = Severity.WARN;
      message = "slow query took " + Math.round(ms) + " ms: " + dep.endpoint();
      if (dice.chance(0.04)) {
        ms = 3_000;
        status = 503;
        severity = Severity.ERROR;
        message = "HikariPool-1 - Connection is not available, request timed out after 3000ms.";
        failure = StackTraces.of(service, hop.handler(), "java.sql.SQLTransientConnectionException", message, null);
      }
    } else if (dice.chance(0.001)) {
      ms = Math.max(ms, 2_000 + dice.uniform() * 3_000);
      status = dep.protocol().equals("https") ? 504 : 503;
      severity = Severity.ERROR;
      message = "call to " + dep.host() + " timed out after " + Math.round(ms) + " ms";
      failure = StackTraces.of(service, hop.handler(), FailureCatalog.timeoutType(service.platform()),
          "request timed out", null);
    }
    ms = round(Math.min(ms, MAX_LATENCY_MS));
    ExternalCall ext = new ExternalCall(dep.protocol(), dep.host(), dep.endpoint(), dep.method(), status, ms);
    Instant at = plusMs(t, ms);
    sink.accept(new SimEvent(at, hop.pod(), severity, "external", message, hop.scope().traceId(), hop.span(),
        hop.scope().requestId(), hop.scope().userId(), hop.handler(), null, ext, failure, ms, memoryOf(service),
        context));
    return ext;
  }

  private double latencyMs(ShopService service) {
    double ms = dice.logNormal(service.medianMs(), service.sigma());
    if (dice.chance(TAIL_RATE)) {
      ms *= 4 + 16 * dice.uniform();
    }
    return Math.min(ms, MAX_LATENCY_MS);
  }

  private int memoryOf(ShopService service) {
    return (int) Math.round(service.memoryMb() * (0.85 + 0.3 * dice.uniform()));
  }

  private static String clientOf(ShopService caller) {
    return switch (caller.platform()) {
      case JVM -> "Java-http-client/21.0.5";
      case PYTHON -> "python-httpx/0.27.2";
      case DOTNET -> ".NET HttpClient/8.0";
    };
  }

  private static String reason(int status) {
    return switch (status) {
      case 503 -> "ServiceUnavailable";
      case 504 -> "GatewayTimeout";
      case 502 -> "BadGateway";
      default -> "InternalServerError";
    };
  }

  static Instant plusMs(Instant t, double ms) {
    return t.plusNanos(Math.round(ms * 1_000) * 1_000);
  }

  private static double millisBetween(Instant a, Instant b) {
    return java.time.Duration.between(a, b).toNanos() / 1e6;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  /** One service serving one request: logs with its pod, span and the request's ids. */
  private final class Hop {
    private final Pod pod;
    private final String span;
    private final String handler;
    private final RequestScope scope;

    Hop(Pod pod, String span, String handler, RequestScope scope) {
      this.pod = pod;
      this.span = span;
      this.handler = handler;
      this.scope = scope;
    }

    Pod pod() {
      return pod;
    }

    String span() {
      return span;
    }

    String handler() {
      return handler;
    }

    RequestScope scope() {
      return scope;
    }

    void log(Instant at, Severity severity, String message, Failure failure, Map<String, Object> context) {
      sink.accept(new SimEvent(at, pod, severity, "custom", message, scope.traceId(), span, scope.requestId(),
          scope.userId(), handler, null, null, failure, null, memoryOf(pod.service()), context));
    }

    void fail(Instant at, String message, Failure failure) {
      log(at, Severity.ERROR, message, failure, null);
    }

    void fail(Instant at, String message, Failure failure, Map<String, Object> context) {
      log(at, Severity.ERROR, message, failure, context);
    }
  }
}
