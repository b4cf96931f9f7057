package dev.corral.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves read-only files from the classpath under one fixed resource folder: the web UI
 * ({@value #UI_FOLDER}, module corral-ui) at {@code /ui/*} and WebJars ({@value #WEBJARS_FOLDER})
 * at {@code /webjars/*}; {@link #routes} also answers {@code GET /} with the UI's {@code index.html}
 * when a browser asks (Accept names {@code text/html}) and leaves {@code /} to the Elasticsearch
 * root for every other client.
 *
 * <p>Each answer has its media type, a strong ETag (a hash of the bytes; {@code If-None-Match}
 * gets 304) and a Cache-Control: the UI's unversioned files are revalidated on every use ({@code
 * no-cache}), WebJars' versioned paths are cached for a year; the Content-Security-Policy of a
 * UI page ({@link ContentSecurityPolicy#forPage}). A path with an empty, {@code .} or
 * {@code ..} segment, a backslash, a colon or a NUL — after percent-decoding — is refused with 400,
 * so nothing outside the folder can be named; a missing file or a folder is 404. Files are read
 * once and kept in memory (the classpath does not change while the server runs; only files found
 * are kept). Thread-safe.
 */
public final class StaticAssets implements Handler {
  /** Classpath folder of the web UI's files (index.html, ES modules, styles). */
  public static final String UI_FOLDER = "corral-ui/";
  /** Classpath folder where WebJars keep their files. */
  public static final String WEBJARS_FOLDER = "META-INF/resources/webjars/";
  /** The UI's entry page, inside {@link #UI_FOLDER}. */
  static final String INDEX = "index.html";
  /** Unversioned paths: the browser may keep them but must ask (ETag) before each use. */
  private static final String REVALIDATE = "no-cache";
  /** WebJar paths carry the library version, so their content never changes. */
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("woff", "font/woff"),
      Map.entry("ttf", "font/ttf"),
      Map.entry("txt", "text/plain; charset=utf-8"));

  private final ClassLoader classLoader;
  private final String folder;
  private final String cacheControl;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  /** A file read from the classpath, with the Content-Security-Policy it is served with. */
  private record Asset(byte[] bytes, String mediaType, String etag, String securityPolicy) {}

  private StaticAssets(ClassLoader classLoader, String folder, String cacheControl) {
    this.classLoader = classLoader;
    this.folder = folder;
    this.cacheControl = cacheControl;
  }

  /** The web UI's files ({@value #UI_FOLDER}). */
  public static StaticAssets ui() {
    return new StaticAssets(StaticAssets.class.getClassLoader(), UI_FOLDER, REVALIDATE);
  }

  /** The files of every WebJar on the classpath ({@value #WEBJARS_FOLDER}). */
  public static StaticAssets webjars() {
    return new StaticAssets(StaticAssets.class.getClassLoader(), WEBJARS_FOLDER, IMMUTABLE);
  }

  /**
   * {@code routes} with the UI added: {@code GET /ui/*} and {@code GET /webjars/*} serve files,
   * {@code GET /ui} redirects to {@code /}, and the existing {@code GET /} route keeps answering
   * every request except a browser's asking for a page, which gets {@code index.html} (while the UI
   * is on the classpath).
   */
  public static List<Route> withUi(List<Route> routes) {
    StaticAssets ui = ui();
    List<Route> all = new ArrayList<>(routes.size() + 3);
    for (Route route : routes) {
      boolean root = route.method().equals("GET") && route.path().equals("/");
      all.add(root ? Route.open("GET", "/", ui.pageOr(route.handler())) : route);
    }
    all.add(Route.open("GET", "/ui", request -> Response.empty(302, Map.of("Location", "/"))));
    all.add(Route.open("GET", "/ui/*", ui));
    all.add(Route.open("GET", "/webjars/*", webjars()));
    return List.copyOf(all);
  }

  /** A handler answering browsers with {@code index.html} and everything else with {@code others}. */
  Handler pageOr(Handler others) {
    return request -> {
      String accept = request.header("Accept");
      if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
        Asset index = asset(INDEX);
        if (index != null) {
          return answer(index, request, Map.of("Vary", "Accept"));
        }
      }
      return others.handle(request);
    };
  }

  @Override
  public Response handle(Request request) throws HttpError, IOException {
    String path = request.pathTail();
    boolean folder = path.endsWith("/");
    requireSafe(folder ? path.substring(0, path.length() - 1) : path);
    Asset asset = folder ? null : asset(path);
    if (asset == null) {
      throw new HttpError(404, "no such file: " + request.path());
    }
    return answer(asset, request, Map.of());
  }

  private Response answer(Asset asset, Request request, Map<String, String> extraHeaders) {
    Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
    headers.put("ETag", asset.etag());
    headers.put("Cache-Control", cacheControl);
    headers.put("Content-Security-Policy", asset.securityPolicy());
    if (matches(request.header("If-None-Match"), asset.etag())) {
      return Response.empty(304, headers);
    }
    return new Response(200, asset.mediaType(), headers, asset.bytes());
  }

  /** Whether an If-None-Match header names {@code etag} (weak or strong) or is {@code *}. */
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses a path that could name something outside the folder or is not a plain relative file
   * name: empty, {@code .} and {@code ..} segments (so no leading slash either), backslashes,
   * colons and NULs.
   */
  private static void requireSafe(String path) throws HttpError {
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new HttpError(400, "file path '" + path + "' has an empty, '.' or '..' segment; name a file under the folder");
      }
    }
    if (path.indexOf('\\') >= 0 || path.indexOf(':') >= 0 || path.indexOf('\0') >= 0) {
      throw new HttpError(400, "file path '" + path + "' holds a backslash, colon or NUL");
    }
  }

  /** The file at {@code path} under the folder, read once; null when there is none (or it is a folder). */
  private Asset asset(String path) throws IOException {
    Asset cached = cache.get(path);
    if (cached != null) {
      return cached;
    }
    URL url = classLoader.getResource(folder + path);
    if (url == null || isFolder(url)) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = in.readAllBytes();
    }
    String mediaType = mediaType(path);
    Asset asset = new Asset(bytes, mediaType, etag(bytes),
        ContentSecurityPolicy.forPage(mediaType.startsWith("text/html") ? bytes : new byte[0]));
    cache.putIfAbsent(path, asset);
    return asset;
  }

  private static boolean isFolder(URL url) throws IOException {
    switch (url.getProtocol()) {
      case "file" -> {
        try {
          return !Files.isRegularFile(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
          throw new IOException("classpath resource " + url + " has no file path", e);
        }
      }
      case "jar" -> {
        URLConnection connection = url.openConnection(); // the JDK's cached JarFile: opening it again is cheap
        return connection instanceof JarURLConnection jar && jar.getJarEntry() != null && jar.getJarEntry().isDirectory();
      }
      default -> {
        return false;
      }
    }
  }

  private static String mediaType(String path) {
    int dot = path.lastIndexOf('.');
    String extension = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    return MEDIA_TYPES.getOrDefault(extension, OCTET_STREAM);
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JDK has SHA-256", e);
    }
  }
}
