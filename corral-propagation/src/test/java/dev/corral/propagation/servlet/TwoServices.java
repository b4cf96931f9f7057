package dev.corral.propagation.servlet;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.corral.propagation.CorrelationContext;
import dev.corral.propagation.http.CorrelatingHttpClient;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Two "services" in a real Jetty 12 ee10 servlet container, behind {@link CorrelationFilter}: service A
 * ({@code /a}) logs, calls service B ({@code /b}) through a {@link CorrelatingHttpClient}, and logs B's
 * answer; B logs and answers with the {@code traceparent} it received. Each logs through SLF4J (Logback) and
 * through the Log4j API, to loggers under {@code shop}; both libraries' events are captured here. A probe
 * filter before {@link CorrelationFilter} records what each request's thread had in its logging contexts on
 * the way in and on the way out. {@code /async} logs from a wrapped {@code AsyncContext.start} task and again
 * on the ASYNC dispatch that completes it.
 */
final class TwoServices implements AutoCloseable {
  /**
   * Few pooled threads, so that a few dozen requests must reuse some (a pigeonhole, not luck), and enough
   * for Jetty's acceptor and selector plus A and B running at once.
   */
  static final int MAX_THREADS = 12;
  /** Above Jetty's 8 KiB default, so a 10 KiB X-Request-ID reaches the filter instead of a 431. */
  private static final int REQUEST_HEADER_BYTES = 64 * 1024;

  /**
   * A logger of each library under one name, held in static fields as an application holds its loggers:
   * Log4j keeps its LoggerContext only weakly, so a context nothing holds would be collected, and with it
   * the list appender the tests read.
   */
  private record BothLoggers(org.slf4j.Logger slf4j, org.apache.logging.log4j.Logger log4j) {
    static BothLoggers named(String name) {
      return new BothLoggers(LoggerFactory.getLogger(name), LogManager.getLogger(name));
    }

    void info(String message) {
      slf4j.info(message);
      log4j.info(message);
    }
  }

  private static final org.apache.logging.log4j.core.LoggerContext LOG4J_CONTEXT =
      (org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false);
  private static final BothLoggers LOG_A = BothLoggers.named("shop.a");
  private static final BothLoggers LOG_B = BothLoggers.named("shop.b");
  private static final BothLoggers LOG_ASYNC = BothLoggers.named("shop.async");
  private static final BothLoggers LOG_FAIL = BothLoggers.named("shop.fail");

  /** What a request's thread had in its logging contexts before and after the correlation filter. */
  record Probe(String path, String thread, String mdcBefore, String log4jBefore, String mdcAfter,
      String log4jAfter) {}

  private final Server server;
  /** Logback's list appender, taking each event's MDC when it is logged (as Logback's AsyncAppender does). */
  private final ListAppender<ILoggingEvent> logback = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      super.append(event);
    }
  };
  private final List<Probe> probes = new ArrayList<>();

  TwoServices() throws Exception {
    Logger shop = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("shop");
    logback.setContext(shop.getLoggerContext());
    logback.start();
    shop.setLevel(Level.INFO);
    shop.setAdditive(false);
    shop.addAppender(logback);
    log4jAppender().clear();

    server = new Server(new QueuedThreadPool(MAX_THREADS, 2));
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(new FilterHolder(probeFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    FilterHolder correlation = new FilterHolder(new CorrelationFilter());
    correlation.setAsyncSupported(true);
    context.addFilter(correlation, "/*",
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
    context.addServlet(new ServletHolder(new ServiceA()), "/a");
    context.addServlet(new ServletHolder(new ServiceB()), "/b");
    context.addServlet(new ServletHolder(new FailingService()), "/fail");
    ServletHolder async = new ServletHolder(new AsyncService());
    async.setAsyncSupported(true);
    context.addServlet(async, "/async");
    server.setHandler(context);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The Logback events of the services, in order. */
  List<ILoggingEvent> logbackEvents() {
    synchronized (logback) {
      return List.copyOf(logback.list);
    }
  }

  /** The Log4j events of the services, in order, as "message|trace_id|span_id|request_id" (log4j2-test.xml). */
  static List<String> log4jEvents() {
    return log4jAppender().getMessages();
  }

  static org.apache.logging.log4j.core.test.appender.ListAppender log4jAppender() {
    return LOG4J_CONTEXT.getConfiguration().getAppender("services");
  }

  /** Forgets the events logged so far (both libraries). */
  void clearEvents() {
    synchronized (logback) {
      logback.list.clear();
    }
    log4jAppender().clear();
  }

  List<Probe> probes() {
    synchronized (probes) {
      return List.copyOf(probes);
    }
  }

  private Filter probeFilter() {
    return (request, response, chain) -> {
      String path = ((HttpServletRequest) request).getRequestURI();
      String mdcBefore = String.valueOf(MDC.getCopyOfContextMap());
      String log4jBefore = String.valueOf(ThreadContext.getImmutableContext());
      try {
        chain.doFilter(request, response);
      } finally {
        Probe probe = new Probe(path, Thread.currentThread().getName(), mdcBefore, log4jBefore,
            String.valueOf(MDC.getCopyOfContextMap()), String.valueOf(ThreadContext.getImmutableContext()));
        synchronized (probes) {
          probes.add(probe);
        }
      }
    };
  }

  @Override
  public void close() throws Exception {
    server.stop();
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("shop").detachAppender(logback);
  }

  /** Service A: logs, calls B with the correlating client, logs again, answers with B's answer. */
  static final class ServiceA extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient HttpClient client = CorrelatingHttpClient.newHttpClient();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      LOG_A.info("a received the order");
      URI b = URI.create(request.getRequestURL().toString()).resolve("/b");
      HttpResponse<String> answer;
      try {
        answer = client.send(HttpRequest.newBuilder(b).build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted calling " + b, e);
      }
      LOG_A.info("a got " + answer.statusCode() + " from b");
      response.setContentType("text/plain");
      response.getWriter().print(answer.body());
    }
  }

  /** Service B: logs and answers with the traceparent and request id it received. */
  static final class ServiceB extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      LOG_B.info("b charged the card");
      response.setContentType("text/plain");
      response.getWriter().print(request.getHeader("traceparent") + " " + request.getHeader("X-Request-ID"));
    }
  }

  /** Logs and fails: {@code ?how=throw} throws, otherwise it answers {@code sendError(503)}. */
  static final class FailingService extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      LOG_FAIL.info("failing: " + request.getParameter("how"));
      if ("throw".equals(request.getParameter("how"))) {
        throw new IllegalStateException("the card service is down");
      }
      response.sendError(503, "try again later");
    }
  }

  /** Starts async work (wrapped, so it carries the ids), which dispatches back to complete the request. */
  static final class AsyncService extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.getDispatcherType() == DispatcherType.ASYNC) {
        LOG_ASYNC.info("async dispatch answers");
        response.setContentType("text/plain");
        response.getWriter().print(Map.of("trace_id", String.valueOf(MDC.get("trace_id"))));
        return;
      }
      AsyncContext async = request.startAsync();
      async.start(CorrelationContext.wrap(() -> {
        LOG_ASYNC.info("async work on another thread");
        async.dispatch();
      }));
    }
  }
}
