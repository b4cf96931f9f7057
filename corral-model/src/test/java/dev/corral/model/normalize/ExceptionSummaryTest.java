package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExceptionSummaryTest {
  @Test
  void readsTheLastLineOfAPythonTraceback() {
    String traceback = """
        Traceback (most recent call last):
          File "/app/x.py", line 3, in <module>
            int("a")
        ValueError: invalid literal for int() with base 10: 'a'
        """;
    assertThat(ExceptionSummary.of(traceback))
        .isEqualTo(new ExceptionSummary("ValueError", "invalid literal for int() with base 10: 'a'"));
  }

  @Test
  void readsTheFinalExceptionOfAChainedPythonTraceback() {
    String traceback = "Traceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'x'\n\n"
        + "During handling of the above exception, another exception occurred:\n\n"
        + "Traceback (most recent call last):\n  File \"a.py\", line 3\nmyapp.errors.LookupFailed\n";
    assertThat(ExceptionSummary.of(traceback)).isEqualTo(new ExceptionSummary("myapp.errors.LookupFailed", null));
  }

  @Test
  void readsTheFirstLineOfAJavaStackTrace() {
    assertThat(ExceptionSummary.of("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\nCaused by: x.Y: z"))
        .isEqualTo(new ExceptionSummary("java.lang.IllegalStateException", "boom"));
    assertThat(ExceptionSummary.of("Exception in thread \"main\" java.lang.NullPointerException\n\tat Main.main(Main.java:3)"))
        .isEqualTo(new ExceptionSummary("java.lang.NullPointerException", null));
    assertThat(ExceptionSummary.of("com.acme.Outer$InnerException: nested: colon"))
        .isEqualTo(new ExceptionSummary("com.acme.Outer$InnerException", "nested: colon"));
  }

  @Test
  void readsNodeAndDotNetHeadlines() {
    assertThat(ExceptionSummary.of("TypeError: x is not a function\n    at f (/app/a.js:1:2)"))
        .isEqualTo(new ExceptionSummary("TypeError", "x is not a function"));
    assertThat(ExceptionSummary.of("System.InvalidOperationException: Sequence contains no elements\n   at X.Y()"))
        .isEqualTo(new ExceptionSummary("System.InvalidOperationException", "Sequence contains no elements"));
  }

  @Test
  void proseIsNoExceptionType() {
    assertThat(ExceptionSummary.of("something went wrong: badly")).isNull();
    assertThat(ExceptionSummary.of("  \n ")).isNull();
    assertThat(ExceptionSummary.of(null)).isNull();
  }
}
