package dev.corral.demo;

import static dev.corral.demo.Call.of;
import static dev.corral.demo.Call.optional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shop: its services, the request flows that cross them, and the pools requests draw from. */
final class ShopCatalog {
  static final String ENVIRONMENT = "prod";

  private static final ExternalDependency CARD_PROCESSOR =
      new ExternalDependency("https", "api.cardprocessor.example", "/v1/charges", "POST", 180);

  static final List<ShopService> SERVICES = List.of(
      service("api-gateway", LogShape.COMMON_FORMAT, Platform.JVM, "3.8.2", "com.shop.gateway", 2, 0.4, 512, null),
      service("web-frontend", LogShape.COMMON_FORMAT, Platform.JVM, "5.21.0", "com.shop.web", 18, 0.5, 768, null),
      service("user-auth", LogShape.UNIFIED, Platform.JVM, "2.3.7", "com.shop.auth", 25, 0.4, 384, null),
      service("user-profile", LogShape.UNIFIED, Platform.JVM, "1.12.4", "com.shop.profile", 8, 0.5, 320, null),
      service("session-service", LogShape.UNIFIED, Platform.JVM, "1.4.0", "com.shop.session", 2, 0.3, 256,
          new ExternalDependency("redis", "session-cache.prod.internal:6379", "GET session:*", "GET", 0.8)),
      service("product-catalog", LogShape.UNIFIED, Platform.JVM, "4.2.1", "com.shop.catalog", 9, 0.5, 640, null),
      service("search-service", LogShape.ECS, Platform.JVM, "2.9.3", "com.shop.search", 12, 0.6, 1024,
          new ExternalDependency("https", "search-cluster.prod.internal:9200", "/products/_search", "POST", 22)),
      service("recommendation", LogShape.PYTHON_JSON, Platform.PYTHON, "0.18.2", "recommendation", 35, 0.6, 1536, null),
      service("inventory", LogShape.LOGSTASH, Platform.JVM, "3.1.5", "com.shop.inventory", 5, 0.4, 448,
          new ExternalDependency("postgresql", "inventory-db.prod.internal:5432",
              "SELECT quantity FROM stock_levels WHERE sku = ? FOR UPDATE", "SELECT", 4)),
      service("pricing", LogShape.UNIFIED, Platform.JVM, "2.0.11", "com.shop.pricing", 3, 0.4, 320,
          new ExternalDependency("redis", "price-cache.prod.internal:6379", "HGET prices:*", "HGET", 0.7)),
      service("cart-service", LogShape.UNIFIED, Platform.JVM, "1.9.0", "com.shop.cart", 6, 0.4, 384, null),
      service("order-service", LogShape.LOGSTASH, Platform.JVM, "6.4.2", "com.shop.orders", 14, 0.5, 896,
          new ExternalDependency("postgresql", "orders-db.prod.internal:5432",
              "INSERT INTO orders (id, user_id, total, currency) VALUES (?, ?, ?, ?)", "INSERT", 6)),
      service("payment-gateway", LogShape.UNIFIED, Platform.JVM, "4.7.1", "com.shop.payment", 12, 0.4, 512,
          CARD_PROCESSOR),
      service("fraud-detection", LogShape.PYTHON_JSON, Platform.PYTHON, "1.3.0", "fraud_detection", 28, 0.5, 2048,
          null),
      service("shipping", LogShape.ECS, Platform.JVM, "2.2.6", "com.shop.shipping", 10, 0.5, 384,
          new ExternalDependency("https", "api.parcelcarrier.example", "/v1/shipments/track", "GET", 240)),
      service("notification", LogShape.UNIFIED, Platform.JVM, "1.6.3", "com.shop.notify", 4, 0.4, 256, null),
      service("email-service", LogShape.UNIFIED, Platform.PYTHON, "0.9.8", "email_service", 6, 0.4, 192,
          new ExternalDependency("https", "api.mailrelay.example", "/v3/mail/send", "POST", 110)),
      service("sms-gateway", LogShape.KEY_STYLE, Platform.DOTNET, "1.1.2", "Shop.Sms", 5, 0.4, 160,
          new ExternalDependency("https", "api.smsprovider.example", "/2010-04-01/Messages", "POST", 190)),
      service("review-service", LogShape.UNIFIED, Platform.PYTHON, "1.0.4", "review_service", 11, 0.5, 256, null),
      service("coupon-service", LogShape.KEY_STYLE, Platform.DOTNET, "2.5.0", "Shop.Coupons", 4, 0.4, 224, null),
      service("loyalty-service", LogShape.KEY_STYLE, Platform.DOTNET, "3.0.1", "Shop.Loyalty", 7, 0.5, 288, null),
      service("analytics-ingest", LogShape.PYTHON_JSON, Platform.PYTHON, "2.11.0", "analytics_ingest", 3, 0.5, 640,
          null),
      service("audit-log", LogShape.UNIFIED, Platform.JVM, "1.2.9", "com.shop.audit", 3, 0.3, 256, null),
      service("image-resizer", LogShape.COMMON_FORMAT, Platform.PYTHON, "0.7.3", "image_resizer", 30, 0.7, 1280,
          new ExternalDependency("https", "cdn-origin.shop.example", "/originals", "GET", 35)));

  private static final Map<String, ShopService> BY_NAME = index();

  static final List<RequestFlow> FLOWS = List.of(
      new RequestFlow("home", 10,
          of("api-gateway", "GET", "/", "route",
              of("web-frontend", "GET", "/", "renderHome",
                  optional("recommendation", "GET", "/v1/recommendations?user={user}", "recommend"),
                  of("product-catalog", "GET", "/v1/products/featured", "featured"))),
          503, 0.001, "maintenance page served"),
      new RequestFlow("product-page", 16,
          of("api-gateway", "GET", "/api/products/{sku}", "route",
              of("product-catalog", "GET", "/v1/products/{sku}", "getProduct",
                  of("pricing", "GET", "/v1/prices/{sku}", "price"),
                  of("inventory", "GET", "/v1/stock/{sku}", "checkStock"),
                  optional("review-service", "GET", "/v1/reviews?sku={sku}", "listReviews"))),
          404, 0.02, "product not found"),
      new RequestFlow("search", 14,
          of("api-gateway", "GET", "/api/search?q={query}", "route",
              of("search-service", "GET", "/v1/search?q={query}", "search",
                  of("product-catalog", "POST", "/v1/products/batch", "getProducts"),
                  optional("image-resizer", "GET", "/v1/thumbnails?sku={sku}", "thumbnails"))),
          400, 0.01, "query rejected: too many clauses"),
      new RequestFlow("login", 5,
          of("api-gateway", "POST", "/api/login", "route",
              of("user-auth", "POST", "/v1/login", "login",
                  of("session-service", "POST", "/v1/sessions", "createSession"),
                  optional("audit-log", "POST", "/v1/records", "record"))),
          401, 0.06, "login failed: invalid credentials"),
      new RequestFlow("profile", 5,
          of("api-gateway", "GET", "/api/users/me", "route",
              of("user-profile", "GET", "/v1/users/{user}", "getProfile",
                  of("session-service", "GET", "/v1/sessions/current", "validateSession"),
                  optional("loyalty-service", "GET", "/v1/accounts/{user}", "getAccount"))),
          401, 0.02, "session expired"),
      new RequestFlow("add-to-cart", 9,
          of("api-gateway", "POST", "/api/cart/items", "route",
              of("cart-service", "POST", "/v1/carts/{user}/items", "addItem",
                  of("pricing", "GET", "/v1/prices/{sku}", "price"),
                  of("inventory", "GET", "/v1/stock/{sku}", "checkStock"))),
          409, 0.02, "item out of stock"),
      new RequestFlow("view-cart", 6,
          of("api-gateway", "GET", "/api/cart", "route",
              of("cart-service", "GET", "/v1/carts/{user}", "getCart",
                  of("pricing", "POST", "/v1/prices/quote", "quote"),
                  optional("coupon-service", "GET", "/v1/coupons/eligible?user={user}", "eligible"))),
          404, 0.005, "cart not found"),
      new RequestFlow("checkout", 8,
          of("api-gateway", "POST", "/api/checkout", "route",
              of("order-service", "POST", "/v1/orders", "placeOrder",
                  of("inventory", "POST", "/v1/reservations", "reserveStock"),
                  of("payment-gateway", "POST", "/v1/payments", "authorize",
                      of("fraud-detection", "POST", "/v1/score", "score")),
                  optional("notification", "POST", "/v1/notifications", "orderConfirmation"))),
          400, 0.01, "checkout rejected: invalid shipping address"),
      new RequestFlow("order-status", 5,
          of("api-gateway", "GET", "/api/orders/{order}", "route",
              of("order-service", "GET", "/v1/orders/{order}", "getOrder",
                  of("shipping", "GET", "/v1/shipments?order={order}", "track"))),
          404, 0.03, "order not found"),
      new RequestFlow("submit-review", 2,
          of("api-gateway", "POST", "/api/products/{sku}/reviews", "route",
              of("review-service", "POST", "/v1/reviews", "submitReview",
                  of("user-profile", "GET", "/v1/users/{user}", "getProfile"),
                  optional("notification", "POST", "/v1/notifications", "reviewThanks",
                      of("email-service", "POST", "/v1/emails", "sendEmail")))),
          422, 0.04, "review rejected by moderation"),
      new RequestFlow("apply-coupon", 3,
          of("api-gateway", "POST", "/api/cart/coupon", "route",
              of("coupon-service", "POST", "/v1/coupons/redeem", "redeem",
                  of("loyalty-service", "GET", "/v1/accounts/{user}/tier", "getTier"))),
          400, 0.12, "coupon expired"),
      new RequestFlow("password-reset", 1,
          of("api-gateway", "POST", "/api/password-reset", "route",
              of("user-auth", "POST", "/v1/password-reset", "startReset",
                  of("notification", "POST", "/v1/notifications", "passwordReset",
                      of("sms-gateway", "POST", "/v1/sms", "sendSms"),
                      of("email-service", "POST", "/v1/emails", "sendEmail")))),
          429, 0.05, "too many reset attempts"),
      new RequestFlow("track-event", 12,
          of("api-gateway", "POST", "/api/events", "route",
              of("analytics-ingest", "POST", "/v1/collect", "collect")),
          400, 0.005, "malformed beacon"),
      new RequestFlow("image", 8,
          of("api-gateway", "GET", "/img/{sku}/800.webp", "route",
              of("image-resizer", "GET", "/v1/resize/{sku}?w=800&fmt=webp", "resize")),
          404, 0.01, "original image missing"));

  static final List<String> USER_AGENTS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
      "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "ShopApp/7.4.1 (iOS 18.1; iPhone15,2)",
      "ShopApp/7.4.0 (Android 14; SM-S918B)",
      "curl/8.10.1");
  static final List<String> REFERERS = List.of("https://shop.example/", "https://shop.example/cart",
      "https://shop.example/search", "https://www.google.com/", "-");
  static final List<String> SEARCH_TERMS = List.of("running+shoes", "rain+jacket", "coffee+grinder", "usb-c+cable",
      "yoga+mat", "headphones", "desk+lamp", "backpack", "water+bottle", "wool+socks");
  static final List<String> CURRENCIES = List.of("EUR", "EUR", "EUR", "USD", "USD", "GBP");
  static final List<String> CARD_BRANDS = List.of("visa", "visa", "mastercard", "mastercard", "amex");
  static final List<String> WAREHOUSES = List.of("ams-1", "fra-2", "lhr-1");
  static final List<String> CARRIERS = List.of("parcelcarrier", "dhl", "ups");
  static final List<String> COUPONS = List.of("WELCOME10", "BLACKFRIDAY", "FREESHIP", "VIP20", "SPRING5");

  private ShopCatalog() {}

  static ShopService service(String name) {
    ShopService service = BY_NAME.get(name);
    if (service == null) {
      throw new IllegalStateException("BUG: flow calls unknown service " + name);
    }
    return service;
  }

  private static ShopService service(String name, LogShape shape, Platform platform, String version, String codeBase,
      double medianMs, double sigma, int memoryMb, ExternalDependency external) {
    return new ShopService(name, shape, platform, version, codeBase, medianMs, sigma, memoryMb, external);
  }

  private static Map<String, ShopService> index() {
    Map<String, ShopService> byName = new LinkedHashMap<>();
    for (ShopService s : SERVICES) {
      if (byName.put(s.name(), s) != null) {
        throw new IllegalStateException("BUG: service " + s.name() + " listed twice");
      }
    }
    return Map.copyOf(byName);
  }
}
