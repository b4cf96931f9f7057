package dev.corral.testkafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The child JVM's entry point: runs {@code kafka.Kafka} (the first argument names the main class, the rest
 * are its arguments) and halts the JVM as soon as its standard input reaches end of file, which happens when
 * the parent test JVM dies, however it dies. Without it a test JVM killed with SIGKILL would leave a broker
 * holding its ports.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    Thread watchdog = new Thread(() -> haltWhenParentGone(System.in), "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Class<?> main = Class.forName(args[0]);
    try {
      main.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) throw runtime;
      if (e.getCause() instanceof Error error) throw error;
      throw e;
    }
  }

  private static void haltWhenParentGone(InputStream parent) {
    try {
      while (parent.read() >= 0) {
        // the parent never writes; anything it sends is ignored
      }
    } catch (IOException closed) {
      // a broken pipe means the same as end of file: the parent is gone
    }
    Runtime.getRuntime().halt(1);
  }
}
