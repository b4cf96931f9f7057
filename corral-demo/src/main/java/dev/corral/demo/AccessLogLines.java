package dev.corral.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Real-looking web-server access lines in the combined log format that Apache ({@code combined}) and nginx
 * ({@code main}) write by default, for measuring and testing the parsing pipelines: about 200 bytes a line,
 * a mix of browsers, bots and scripts as User-Agents, a quarter of the client addresses in 81.2.69.0/24 and
 * a quarter in 175.16.199.0/24 (the networks the small test GeoIP databases locate), a quarter private.
 * Deterministic for a seed; immutable.
 */
public final class AccessLogLines {
  /** User-Agents as they appear in real access logs: desktop and mobile browsers, a crawler, scripts. */
  public static final List<String> AGENTS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36",
      "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2"
          + " Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "curl/8.4.0",
      "python-requests/2.31.0",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile"
          + " Safari/537.36");
  private static final List<String> PATHS = List.of("/", "/index.html", "/products/42", "/cart?id=%d",
      "/api/v1/orders/%d", "/static/app.%d.js", "/images/logo.png", "/search?q=boots&page=%d");
  private static final String[] VERBS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
  private static final int[] STATUSES = {200, 200, 200, 200, 301, 304, 404, 500};

  private AccessLogLines() {}

  /** {@code count} lines from {@code seed}, stamped on days of March 2024 (UTC). */
  public static List<String> combined(long seed, int count) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String client = switch (random.nextInt(4)) {
        case 0 -> "81.2.69." + random.nextInt(256);
        case 1 -> "175.16.199." + random.nextInt(256);
        case 2 -> "10.0." + random.nextInt(256) + "." + random.nextInt(256);
        default -> random.nextInt(224) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
            + random.nextInt(256);
      };
      String path = PATHS.get(random.nextInt(PATHS.size())).replace("%d", Integer.toString(random.nextInt(100_000)));
      lines.add(client + " - - [" + String.format("%02d", 1 + random.nextInt(28)) + "/Mar/2024:"
          + String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60)) + " +0000] \""
          + VERBS[random.nextInt(VERBS.length)] + " " + path + " HTTP/1.1\" " + STATUSES[random.nextInt(STATUSES.length)]
          + " " + random.nextInt(50_000) + " \"https://shop.example.com/\" \"" + AGENTS.get(random.nextInt(AGENTS.size()))
          + "\"");
    }
    return lines;
  }
}
