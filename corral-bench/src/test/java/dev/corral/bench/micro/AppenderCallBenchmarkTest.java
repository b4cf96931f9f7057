package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import dev.corral.logback.CorralAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AppenderCallBenchmarkTest {
  @ParameterizedTest
  @EnumSource(value = AppenderCallBenchmark.Target.class, names = {"CORRAL_UP", "CORRAL_DOWN"})
  void eachCallReachesTheCorralAppender(AppenderCallBenchmark.Target target) throws Exception {
    AppenderCallBenchmark benchmark = new AppenderCallBenchmark();
    benchmark.target = target;
    benchmark.start();
    AppenderCallBenchmark.Request request = new AppenderCallBenchmark.Request();
    request.enter();
    try {
      benchmark.logInfo(request);
      CorralAppender appender = (CorralAppender) benchmark.appender();
      assertThat(appender.isStarted()).isTrue();
      assertThat(appender.stats().logged()).isEqualTo(1);
    } finally {
      request.leave();
      benchmark.stop();
    }
    CorralAppender appender = (CorralAppender) benchmark.appender();
    long delivered = target == AppenderCallBenchmark.Target.CORRAL_UP ? 1 : 0;
    assertThat(appender.stats()).extracting(s -> s.delivered(), s -> s.dropped()).containsExactly(delivered, 1 - delivered);
  }

  @Test
  void theBaselineIsLogbacksOwnAsyncAppender() throws Exception {
    AppenderCallBenchmark benchmark = new AppenderCallBenchmark();
    benchmark.target = AppenderCallBenchmark.Target.LOGBACK_ASYNC;
    benchmark.start();
    try {
      assertThat(benchmark.appender()).isInstanceOf(AsyncAppender.class);
      assertThat(benchmark.appender().isStarted()).isTrue();
      benchmark.logInfo(new AppenderCallBenchmark.Request());
      assertThat(benchmark.logger().isInfoEnabled()).isTrue();
    } finally {
      benchmark.stop();
    }
  }
}
