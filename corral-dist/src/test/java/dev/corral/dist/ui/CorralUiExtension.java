package dev.corral.dist.ui;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for browser tests of the web UI: one {@link DemoDataServer} and one
 * {@link Browser} per test class, injected as test-method (or constructor) parameters. After each
 * test it saves a screenshot as {@code target/ui-screenshots/<TestClass>-<method>.png} and fails
 * the test when the browser console logged an unexpected error or a request left the server.
 *
 * <pre>{@code
 * @ExtendWith(CorralUiExtension.class)
 * class StatusPageTest {
 *   @Test void showsPartitions(Browser browser, DemoDataServer server) { browser.open("#/status"); … }
 * }
 * }</pre>
 */
public final class CorralUiExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CorralUiExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    DemoDataServer server = DemoDataServer.start();
    store(context).put(DemoDataServer.class, server);
    try {
      store(context).put(Browser.class, Browser.start(server.url()));
    } catch (Exception | Error e) {
      store(context).remove(DemoDataServer.class);
      server.close();
      throw e;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Browser browser = store(context).get(Browser.class, Browser.class);
    if (browser == null) {
      return;
    }
    afterTest(browser, context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName(),
        context.getExecutionException().isEmpty());
  }

  /**
   * What follows every browser test, for classes that manage their own server and browser too: a
   * screenshot named {@code name}, and when the test passed, the console and request check.
   */
  static void afterTest(Browser browser, String name, boolean passed) {
    browser.screenshot(name);
    if (passed) {
      browser.assertCleanConsoleAndLocalRequests();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close(store(context).remove(Browser.class, Browser.class), store(context).remove(DemoDataServer.class, DemoDataServer.class));
  }

  /** Closes the browser, then the server, either of them null when it did not start. */
  static void close(Browser browser, DemoDataServer server) throws java.io.IOException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Browser.class || type == DemoDataServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return store(context).get(type, type);
  }

  /** The test class's store: method contexts look it up through their parent. */
  private static ExtensionContext.Store store(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext.getStore(NAMESPACE);
  }
}
