package dev.corral.ship;

/** Real stack traces as applications write them, for the multiline tests. */
public final class Traces {
  private Traces() {}

  /** A real Logback trace: an exception line, frames, a cause with "... N more", a suppressed one. */
  public static final String JAVA = """
      2026-01-01 12:00:00.000 INFO  [main] dev.corral.Shop - started
      2026-01-01 12:00:01.123 ERROR [http-1] dev.corral.Checkout - payment failed
      java.lang.IllegalStateException: card declined
      \tat dev.corral.Checkout.pay(Checkout.java:42)
      \tat dev.corral.Checkout.handle(Checkout.java:17)
      \tSuppressed: java.io.IOException: close failed
      \t\tat dev.corral.Gateway.close(Gateway.java:9)
      Caused by: java.net.SocketTimeoutException: Read timed out
      \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)
      \t... 12 more
      2026-01-01 12:00:02.000 INFO  [main] dev.corral.Shop - next
      """;

  /** A real CPython 3.12 chained traceback after a logging line. */
  public static final String PYTHON = """
      ERROR:checkout:payment failed
      Traceback (most recent call last):
        File "/app/checkout.py", line 10, in pay
          charge(card)
        File "/app/gateway.py", line 4, in charge
          raise TimeoutError("gateway slow")
      TimeoutError: gateway slow

      During handling of the above exception, another exception occurred:

      Traceback (most recent call last):
        File "/app/checkout.py", line 12, in pay
          raise PaymentError("declined") from None
      checkout.PaymentError: declined
      INFO:checkout:next order
      """;
}
