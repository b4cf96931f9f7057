package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI's files and WebJars served from the classpath (test resources under corral-ui/ and
 * META-INF/resources/webjars/), next to the Elasticsearch root that shippers still get.
 */
class StaticAssetsTest {
  private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  @TempDir
  static Path data;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void browserAtRootGetsTheUiPage() throws Exception {
    TestServer.Reply page = get("/", "Accept", BROWSER_ACCEPT);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("corral-test-index");
    assertThat(page.raw().headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(page.raw().headers().firstValue("ETag")).isPresent();
    assertThat(page.raw().headers().firstValue("Vary")).hasValue("Accept");
  }

  @Test
  void elasticsearchClientsAtRootStillGetTheClusterInfo() throws Exception {
    for (String accept : new String[] {null, "application/json", "*/*"}) {
      TestServer.Reply root = accept == null ? get("/") : get("/", "Accept", accept);
      assertThat(root.status()).as("GET / with Accept %s", accept).isEqualTo(200);
      assertThat(root.body()).as("GET / with Accept %s", accept).contains("\"number\"").doesNotContain("corral-test-index");
    }
  }

  @Test
  void everyFileHasItsMediaType() throws Exception {
    assertMediaType("/ui/index.html", "text/html; charset=utf-8", "corral-test-index");
    assertMediaType("/ui/app.js", "text/javascript; charset=utf-8", "corral-test-app");
    assertMediaType("/ui/css/style.css", "text/css; charset=utf-8", "color");
    assertMediaType("/ui/img/logo.svg", "image/svg+xml", "<svg");
    assertMediaType("/ui/data.json", "application/json", "corral-test-json");
    assertMediaType("/ui/app.js.map", "application/json", "mappings");
    assertMediaType("/ui/img/dot.png", "image/png", "PNG");
    assertMediaType("/ui/fonts/test.woff2", "font/woff2", "wOF2");
    assertMediaType("/webjars/testlib/1.0.0/testlib.js", "text/javascript; charset=utf-8", "corral-test-webjar");
  }

  @Test
  void unchangedFileIsAnswered304ForItsEtag() throws Exception {
    TestServer.Reply first = get("/ui/app.js");
    String etag = first.raw().headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("\"").endsWith("\"");

    TestServer.Reply again = get("/ui/app.js", "If-None-Match", etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.raw().headers().firstValue("ETag")).hasValue(etag);
    assertThat(get("/ui/app.js", "If-None-Match", "\"other\", W/" + etag).status()).isEqualTo(304);
    assertThat(get("/ui/app.js", "If-None-Match", "\"other\"").status()).isEqualTo(200);
    assertThat(get("/ui/css/style.css", "If-None-Match", etag).status()).as("another file's tag").isEqualTo(200);
  }

  @Test
  void webjarsAreCachedForAYearAndUiFilesRevalidated() throws Exception {
    assertThat(get("/webjars/testlib/1.0.0/testlib.js").raw().headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(get("/ui/app.js").raw().headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void missingFilesAndFoldersAre404() throws Exception {
    for (String path : new String[] {"/ui/nope.js", "/ui/css", "/ui/css/", "/webjars/testlib/9.9.9/testlib.js",
        "/webjars/testlib"}) {
      TestServer.Reply missing = get(path);
      assertThat(missing.status()).as(path).isEqualTo(404);
      assertThat(missing.body()).as(path).contains("\"error\"");
    }
  }

  @Test
  void uiFolderRedirectsToTheRoot() throws Exception {
    for (String path : new String[] {"/ui", "/ui/"}) {
      TestServer.Reply redirect = get(path);
      assertThat(redirect.status()).as(path).isEqualTo(302);
      assertThat(redirect.raw().headers().firstValue("Location")).as(path).hasValue("/");
    }
  }

  @Test
  void headAnswersWithHeadersOnly() throws Exception {
    TestServer.Reply head = server.send("HEAD", "/ui/app.js", null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.raw().headers().firstValue("ETag")).isPresent();
    assertThat(head.body()).isEmpty();
  }

  /** Sent byte for byte over a socket, so no client normalizes the dots away. */
  @Test
  void pathsLeavingTheFolderAreRefused() throws Exception {
    List<String> hostile = List.of(
        "/ui/../outside-ui-folder.txt",
        "/ui/%2e%2e/outside-ui-folder.txt",
        "/ui/%2E%2E/outside-ui-folder.txt",
        "/ui/css/../../outside-ui-folder.txt",
        "/ui/..%2foutside-ui-folder.txt",
        "/ui/..%5coutside-ui-folder.txt",
        "/ui//outside-ui-folder.txt",
        "/ui/%2foutside-ui-folder.txt",
        "/ui/./index.html",
        "/ui/file:outside-ui-folder.txt",
        "/ui/index.html%00.js",
        "/webjars/../../../outside-ui-folder.txt",
        "/webjars/%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside-ui-folder.txt",
        "/webjars/testlib/1.0.0/../../../../../corral-ui/index.html");
    // Jetty's request parser refuses a NUL and a path climbing above the root before any handler
    Set<String> refusedByTheParser = Set.of("/ui/index.html%00.js", "/webjars/../../../outside-ui-folder.txt",
        "/webjars/%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside-ui-folder.txt",
        "/webjars/testlib/1.0.0/../../../../../corral-ui/index.html");
    for (String path : hostile) {
      String answer = rawGet(path);
      assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("Content-Type: application/json");
      if (!refusedByTheParser.contains(path)) {
        assertThat(answer).as(path).contains("file path");
      }
      assertThat(answer).as(path).doesNotContain("secret-outside-the-ui-folder").doesNotContain("corral-test-index");
    }
  }

  private void assertMediaType(String path, String mediaType, String content) throws Exception {
    TestServer.Reply file = get(path);
    assertThat(file.status()).as(path).isEqualTo(200);
    assertThat(file.raw().headers().firstValue("Content-Type")).as(path).hasValue(mediaType);
    assertThat(file.raw().headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    assertThat(file.body()).as(path).contains(content);
  }

  private static TestServer.Reply get(String path, String... headers) {
    return server.send("GET", path, null, headers);
  }

  private static String rawGet(String rawPath) throws IOException {
    try (Socket socket = new Socket(server.uri("/").getHost(), server.server().port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
