package dev.corral.demo;

import java.util.List;

/**
 * Writes believable multi-line stack traces: Java ({@code at …}, {@code Caused by:}) for JVM
 * services, {@code Traceback (most recent call last):} for Python ones. Line numbers are stable
 * per frame so the same failure looks the same each time.
 */
final class StackTraces {
  private static final List<String> JVM_FRAMEWORK_FRAMES = List.of(
      "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
      "jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)",
      "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
      "org.springframework.web.filter.OncePerRequestFilter.doFilter(OncePerRequestFilter.java:116)",
      "org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167)",
      "org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:391)",
      "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1736)",
      "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)",
      "java.base/java.lang.Thread.run(Thread.java:1583)");
  private static final List<String> PYTHON_FRAMEWORK_FRAMES = List.of(
      "  File \"/usr/local/lib/python3.12/site-packages/starlette/routing.py\", line 76, in app\n"
          + "    response = await func(request)",
      "  File \"/usr/local/lib/python3.12/site-packages/fastapi/routing.py\", line 301, in app\n"
          + "    raw_response = await run_endpoint_function(");

  private StackTraces() {}

  /**
   * A failure raised in {@code handler} of {@code service}, optionally caused by a lower-level one
   * (JVM only; Python chains it with "During handling … another exception occurred").
   */
  static Failure of(ShopService service, String handler, String type, String message, Failure cause) {
    String trace = switch (service.platform()) {
      case JVM -> java(service, handler, type, message, cause);
      case PYTHON -> python(service, handler, type, message, cause);
      case DOTNET -> dotnet(service, handler, type, message, cause);
    };
    return new Failure(type, message, trace);
  }

  private static String java(ShopService service, String handler, String type, String message, Failure cause) {
    String base = service.codeBase();
    String handlerClass = simpleName(service.loggerFor(handler));
    StringBuilder out = new StringBuilder();
    out.append(type).append(": ").append(message).append('\n');
    String[] appFrames = {
        base + ".client.DownstreamClient.execute(DownstreamClient.java:" + line(service, "execute") + ")",
        base + ".service." + capitalize(handler) + "Service." + handler + "(" + capitalize(handler) + "Service.java:"
            + line(service, handler + "Service") + ")",
        base + "." + handlerClass + "." + handler + "(" + handlerClass + ".java:" + service.lineOf(handler) + ")"};
    for (String frame : appFrames) {
      out.append("\tat ").append(frame).append('\n');
    }
    for (String frame : JVM_FRAMEWORK_FRAMES) {
      out.append("\tat ").append(frame).append('\n');
    }
    if (cause != null) {
      String causeFirstLine = cause.stackTrace().lines().findFirst().orElse(cause.type());
      out.append("Caused by: ").append(causeFirstLine).append('\n');
      cause.stackTrace().lines().skip(1).limit(3).forEach(l -> out.append(l).append('\n'));
      out.append("\t... ").append(JVM_FRAMEWORK_FRAMES.size() + 1).append(" common frames omitted\n");
    }
    return out.toString().stripTrailing();
  }

  private static String python(ShopService service, String handler, String type, String message, Failure cause) {
    String module = service.codeBase();
    StringBuilder out = new StringBuilder();
    if (cause != null) {
      out.append(cause.stackTrace()).append("\n\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    out.append("Traceback (most recent call last):\n");
    for (String frame : PYTHON_FRAMEWORK_FRAMES) {
      out.append(frame).append('\n');
    }
    out.append("  File \"/app/").append(module).append("/api.py\", line ").append(service.lineOf(handler))
        .append(", in ").append(handler).append('\n')
        .append("    result = await service.").append(handler).append("(payload)\n");
    out.append("  File \"/app/").append(module).append("/service.py\", line ").append(line(service, handler + "_impl"))
        .append(", in ").append(handler).append('\n')
        .append("    return self._client.call(request, timeout=self._timeout)\n");
    out.append(type).append(": ").append(message);
    return out.toString();
  }

  private static String dotnet(ShopService service, String handler, String type, String message, Failure cause) {
    String base = service.codeBase();
    String method = capitalize(handler);
    String project = "/src/" + base + "/";
    StringBuilder out = new StringBuilder();
    out.append(type).append(": ").append(message);
    if (cause != null) {
      out.append("\n ---> ").append(cause.stackTrace()).append("\n   --- End of inner exception stack trace ---");
    }
    out.append("\n   at ").append(base).append(".Services.").append(method).append("Service.").append(method)
        .append("Async(CancellationToken ct) in ").append(project).append("Services/").append(method)
        .append("Service.cs:line ").append(line(service, handler + "Service"));
    out.append("\n   at ").append(base).append(".Controllers.").append(method).append("Controller.").append(method)
        .append("(CancellationToken ct) in ").append(project).append("Controllers/").append(method)
        .append("Controller.cs:line ").append(service.lineOf(handler));
    out.append("\n   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.TaskOfIActionResultExecutor")
        .append(".Execute(ActionContext actionContext, IActionResultTypeMapper mapper, ObjectMethodExecutor executor)");
    out.append("\n   at Microsoft.AspNetCore.Routing.EndpointMiddleware.<Invoke>g__AwaitRequestTask|7_0(Endpoint endpoint, ")
        .append("Task requestTask, ILogger logger)");
    return out.toString();
  }

  /** A low-level cause as the JVM would print it, for chaining under {@code Caused by:}. */
  static Failure jvmCause(String type, String message, String... frames) {
    StringBuilder out = new StringBuilder(type).append(": ").append(message);
    for (String frame : frames) {
      out.append("\n\tat ").append(frame);
    }
    return new Failure(type, message, out.toString());
  }

  private static int line(ShopService service, String what) {
    return 30 + Math.floorMod((service.name() + "/" + what).hashCode(), 470);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
