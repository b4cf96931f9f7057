package dev.corral.propagation.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The lifecycle methods Java 21 added to {@link HttpClient} ({@code close}, {@code shutdown},
 * {@code shutdownNow}, {@code awaitTermination}, {@code isTerminated}), called on a client from code compiled
 * for Java 17: each is looked up once, by name, when this class loads; on Java 17 they are absent and calling
 * one throws {@link UnsupportedOperationException} naming it.
 */
final class HttpClientLifecycle {
  private static final MethodHandle CLOSE = find("close", MethodType.methodType(void.class));
  private static final MethodHandle SHUTDOWN = find("shutdown", MethodType.methodType(void.class));
  private static final MethodHandle SHUTDOWN_NOW = find("shutdownNow", MethodType.methodType(void.class));
  private static final MethodHandle AWAIT_TERMINATION =
      find("awaitTermination", MethodType.methodType(boolean.class, Duration.class));
  private static final MethodHandle IS_TERMINATED = find("isTerminated", MethodType.methodType(boolean.class));

  private HttpClientLifecycle() {}

  static void close(HttpClient client) {
    invokeVoid(CLOSE, "close", client);
  }

  static void shutdown(HttpClient client) {
    invokeVoid(SHUTDOWN, "shutdown", client);
  }

  static void shutdownNow(HttpClient client) {
    invokeVoid(SHUTDOWN_NOW, "shutdownNow", client);
  }

  static boolean awaitTermination(HttpClient client, Duration duration) throws InterruptedException {
    try {
      return (boolean) present(AWAIT_TERMINATION, "awaitTermination").invokeExact(client, duration);
    } catch (RuntimeException | Error | InterruptedException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("BUG: HttpClient.awaitTermination threw a checked " + e, e);
    }
  }

  static boolean isTerminated(HttpClient client) {
    try {
      return (boolean) present(IS_TERMINATED, "isTerminated").invokeExact(client);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("BUG: HttpClient.isTerminated threw a checked " + e, e);
    }
  }

  private static void invokeVoid(MethodHandle method, String name, HttpClient client) {
    try {
      present(method, name).invokeExact(client);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("BUG: HttpClient." + name + " threw a checked " + e, e);
    }
  }

  private static MethodHandle present(MethodHandle method, String name) {
    if (method == null) {
      throw new UnsupportedOperationException("HttpClient." + name + "() needs Java 21 or later; this is Java "
          + Runtime.version().feature());
    }
    return method;
  }

  private static MethodHandle find(String name, MethodType type) {
    try {
      return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
    } catch (NoSuchMethodException absentBeforeJava21) {
      return null;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("BUG: HttpClient." + name + " is public from Java 21 on", e);
    }
  }
}
