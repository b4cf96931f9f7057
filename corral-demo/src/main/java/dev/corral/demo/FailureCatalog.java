package dev.corral.demo;

import java.util.List;

/** Exception types and messages as each platform names them. */
final class FailureCatalog {
  private static final List<String[]> JVM_BUGS = List.of(
      new String[] {"java.lang.NullPointerException", "Cannot invoke \"String.length()\" because \"sku\" is null"},
      new String[] {"java.lang.IllegalStateException", "price cache not initialised"},
      new String[] {"org.springframework.dao.QueryTimeoutException", "PreparedStatementCallback; query timed out"},
      new String[] {"java.util.concurrent.TimeoutException", "downstream call timed out after 2000 ms"});
  private static final List<String[]> PYTHON_BUGS = List.of(
      new String[] {"KeyError", "'sku'"},
      new String[] {"TimeoutError", "feature store lookup timed out"},
      new String[] {"ValueError", "invalid literal for int() with base 10: 'NaN'"},
      new String[] {"ConnectionResetError", "[Errno 104] Connection reset by peer"});
  private static final List<String[]> DOTNET_BUGS = List.of(
      new String[] {"System.NullReferenceException", "Object reference not set to an instance of an object."},
      new String[] {"System.TimeoutException", "The operation has timed out."},
      new String[] {"System.InvalidOperationException", "Sequence contains no elements"});
  private static final List<String[]> JVM_JOB_FAILURES = List.of(
      new String[] {"org.springframework.dao.DeadlockLoserDataAccessException", "deadlock detected"},
      new String[] {"java.io.UncheckedIOException", "java.io.IOException: Broken pipe"});
  private static final List<String[]> PYTHON_JOB_FAILURES = List.of(
      new String[] {"OSError", "[Errno 28] No space left on device: '/tmp/batch.parquet'"},
      new String[] {"TimeoutError", "lock acquisition timed out after 30s"});
  private static final List<String[]> DOTNET_JOB_FAILURES = List.of(
      new String[] {"Microsoft.Data.SqlClient.SqlException", "Execution Timeout Expired."},
      new String[] {"System.IO.IOException", "Unable to write data to the transport connection: Broken pipe."});

  private FailureCatalog() {}

  /** An unexpected error while serving a request: {type, message}. */
  static String[] bug(Platform platform, Dice dice) {
    return dice.pick(switch (platform) {
      case JVM -> JVM_BUGS;
      case PYTHON -> PYTHON_BUGS;
      case DOTNET -> DOTNET_BUGS;
    });
  }

  /** A background job failure: {type, message}. */
  static String[] jobFailure(Platform platform, Dice dice) {
    return dice.pick(switch (platform) {
      case JVM -> JVM_JOB_FAILURES;
      case PYTHON -> PYTHON_JOB_FAILURES;
      case DOTNET -> DOTNET_JOB_FAILURES;
    });
  }

  /** The exception a service raises when a downstream call answered 5xx. */
  static String downstreamType(ShopService service) {
    return switch (service.platform()) {
      case JVM -> service.codeBase() + ".DownstreamException";
      case PYTHON -> "httpx.HTTPStatusError";
      case DOTNET -> "System.Net.Http.HttpRequestException";
    };
  }

  /** The exception an HTTP client raises on a read timeout. */
  static String timeoutType(Platform platform) {
    return switch (platform) {
      case JVM -> "java.net.http.HttpTimeoutException";
      case PYTHON -> "httpx.ReadTimeout";
      case DOTNET -> "System.Threading.Tasks.TaskCanceledException";
    };
  }
}
