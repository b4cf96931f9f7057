package dev.corral.server.inputs.gelf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackTraceTextTest {
  @Test
  void javaTracesWithFramesOrCausesAreStackTraces() {
    assertThat(StackTraceText.looksLikeStackTrace("java.io.IOException: x\n\tat A.b(A.java:1)")).isTrue();
    assertThat(StackTraceText.looksLikeStackTrace("Exception in thread \"main\" java.lang.Error\n    at A.main(A.java:3)"))
        .isTrue();
    assertThat(StackTraceText.looksLikeStackTrace("com.x.Failure: outer\nCaused by: java.io.IOException: inner")).isTrue();
  }

  @Test
  void nodePythonAndGoTracesAreStackTraces() {
    assertThat(StackTraceText.looksLikeStackTrace("TypeError: x is undefined\n    at run (/app/index.js:3:7)")).isTrue();
    assertThat(StackTraceText.looksLikeStackTrace("Traceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'k'"))
        .isTrue();
    assertThat(StackTraceText.looksLikeStackTrace("panic: runtime error\n\ngoroutine 1 [running]:\nmain.main()")).isTrue();
  }

  @Test
  void proseIsNotAStackTrace() {
    assertThat(StackTraceText.looksLikeStackTrace("java.lang.IllegalStateException: one line only")).isFalse();
    assertThat(StackTraceText.looksLikeStackTrace("Summary: two lines\nnothing like a frame")).isFalse();
    assertThat(StackTraceText.looksLikeStackTrace("Meet me\nat noon")).isFalse();
  }
}
