package dev.corral.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** What each service says about its work when a request goes well: "order placed", "stock reserved". */
final class BusinessEvents {
  private BusinessEvents() {}

  /** The business log of {@code service} for this request, or {@code null} when it logs none. */
  static BusinessLog of(String service, String handler, RequestScope r, Dice dice) {
    Map<String, Object> c = new LinkedHashMap<>();
    return switch (service) {
      case "web-frontend" -> dice.chance(0.3) ? debug("rendered page home in " + dice.between(3, 40) + " ms", c) : null;
      case "user-auth" -> {
        if (handler.equals("startReset")) {
          c.put("user_id", r.userId());
          yield info("password reset requested", c);
        }
        c.put("user_id", r.userId());
        c.put("auth_method", dice.chance(0.8) ? "password" : "oauth-google");
        yield info("user logged in", c);
      }
      case "user-profile" -> debug("profile loaded for " + r.userId(), c);
      case "session-service" -> {
        c.put("session_ttl_s", 1800);
        yield debug("session refreshed", c);
      }
      case "product-catalog" -> {
        c.put("sku", r.sku());
        c.put("cache", dice.chance(0.85) ? "hit" : "miss");
        yield debug("product fetched", c);
      }
      case "search-service" -> {
        int hits = dice.chance(0.08) ? 0 : dice.between(1, 480);
        c.put("query", r.query().replace('+', ' '));
        c.put("hits", hits);
        yield hits == 0 ? warn("search returned no results", c) : info("search executed", c);
      }
      case "recommendation" -> {
        c.put("model", "als-v7");
        c.put("items", dice.between(4, 12));
        yield info("recommendations served", c);
      }
      case "inventory" -> {
        c.put("sku", r.sku());
        c.put("warehouse", dice.pick(ShopCatalog.WAREHOUSES));
        if (handler.equals("reserveStock")) {
          c.put("quantity", r.quantity());
          yield info("stock reserved", c);
        }
        int remaining = dice.chance(0.04) ? dice.between(0, 4) : dice.between(5, 900);
        c.put("remaining", remaining);
        yield remaining < 5 ? warn("low stock for " + r.sku(), c) : debug("stock checked", c);
      }
      case "pricing" -> {
        c.put("sku", r.sku());
        c.put("price", Math.round(r.amount() / r.quantity() * 100) / 100.0);
        c.put("currency", r.currency());
        yield debug("price computed", c);
      }
      case "cart-service" -> {
        c.put("user_id", r.userId());
        c.put("sku", r.sku());
        c.put("quantity", r.quantity());
        c.put("cart_size", dice.between(1, 9));
        yield handler.equals("addItem") ? info("item added to cart", c) : debug("cart loaded", c);
      }
      case "order-service" -> {
        c.put("order_id", r.orderId());
        c.put("user_id", r.userId());
        if (handler.equals("getOrder")) {
          c.put("order_status", dice.pick(java.util.List.of("paid", "packed", "shipped", "delivered")));
          yield debug("order loaded", c);
        }
        c.put("payment_amount", r.amount());
        c.put("currency", r.currency());
        c.put("items", r.quantity());
        yield info("order placed", c);
      }
      case "payment-gateway" -> {
        c.put("order_id", r.orderId());
        c.put("payment_amount", r.amount());
        c.put("currency", r.currency());
        c.put("card_brand", r.cardBrand());
        c.put("processor", "cardprocessor");
        yield info("payment authorized", c);
      }
      case "fraud-detection" -> {
        double score = Math.round(Math.min(0.99, dice.logNormal(0.08, 0.9)) * 1000) / 1000.0;
        c.put("order_id", r.orderId());
        c.put("fraud_score", score);
        c.put("model_version", "gbm-2026.10");
        c.put("decision", score > 0.6 ? "review" : "allow");
        yield score > 0.6 ? warn("order flagged for manual review", c) : info("fraud score computed", c);
      }
      case "shipping" -> {
        c.put("order_id", r.orderId());
        c.put("carrier", dice.pick(ShopCatalog.CARRIERS));
        c.put("tracking_number", "1Z" + dice.hex(16).toUpperCase(java.util.Locale.ROOT));
        c.put("shipment_status", dice.pick(java.util.List.of("label_created", "in_transit", "out_for_delivery")));
        yield info("shipment status fetched", c);
      }
      case "notification" -> {
        c.put("template", handler);
        c.put("channel", handler.equals("passwordReset") ? "sms+email" : "email");
        yield info("notification dispatched", c);
      }
      case "email-service" -> {
        c.put("template", dice.pick(java.util.List.of("order-confirmation", "password-reset", "review-thanks")));
        c.put("recipient_domain", dice.pick(java.util.List.of("gmail.com", "outlook.com", "proton.me", "web.de")));
        yield info("email queued", c);
      }
      case "sms-gateway" -> {
        c.put("country", dice.pick(java.util.List.of("NL", "DE", "GB", "US", "FR")));
        c.put("segments", 1);
        yield info("sms sent", c);
      }
      case "review-service" -> {
        c.put("sku", r.sku());
        if (handler.equals("listReviews")) {
          c.put("reviews", dice.between(0, 240));
          yield debug("reviews listed", c);
        }
        c.put("rating", dice.between(1, 5));
        yield info("review submitted", c);
      }
      case "coupon-service" -> {
        c.put("coupon_code", r.coupon());
        if (handler.equals("eligible")) {
          c.put("eligible", dice.between(0, 3));
          yield debug("eligible coupons listed", c);
        }
        c.put("discount", Math.round(r.amount() * 0.1 * 100) / 100.0);
        yield info("coupon applied", c);
      }
      case "loyalty-service" -> {
        c.put("user_id", r.userId());
        c.put("tier", dice.pick(java.util.List.of("bronze", "silver", "gold")));
        c.put("points", dice.between(0, 25_000));
        yield debug("loyalty account loaded", c);
      }
      case "analytics-ingest" -> {
        c.put("events", dice.between(1, 40));
        yield debug("beacon collected", c);
      }
      case "audit-log" -> {
        c.put("action", "login");
        c.put("user_id", r.userId());
        yield info("audit record written", c);
      }
      case "image-resizer" -> {
        c.put("sku", r.sku());
        c.put("width", 800);
        c.put("format", "webp");
        c.put("cache", dice.chance(0.7) ? "hit" : "miss");
        yield debug("image resized", c);
      }
      default -> null;
    };
  }

  private static BusinessLog debug(String message, Map<String, Object> context) {
    return new BusinessLog(Severity.DEBUG, message, context);
  }

  private static BusinessLog info(String message, Map<String, Object> context) {
    return new BusinessLog(Severity.INFO, message, context);
  }

  private static BusinessLog warn(String message, Map<String, Object> context) {
    return new BusinessLog(Severity.WARN, message, context);
  }
}
