package dev.corral.demo;

/**
 * What one user request carries through every hop: its ids, its client and the business data
 * the services log about it.
 */
record RequestScope(RequestFlow flow, String traceId, String requestId, String userId, String clientIp,
    String userAgent, String referer, String sku, int quantity, String orderId, double amount, String currency,
    String query, String coupon, String cardBrand) {

  static RequestScope draw(RequestFlow flow, Dice dice) {
    String user = dice.chance(0.7) ? "u-" + dice.between(100_000, 999_999) : null;
    int quantity = dice.between(1, 3);
    double amount = Math.round(dice.logNormal(45, 0.7) * quantity * 100) / 100.0;
    String ip = dice.chance(0.5)
        ? "203.0.113." + dice.between(1, 254)
        : "198.51.100." + dice.between(1, 254);
    return new RequestScope(flow, dice.hex(32), dice.uuid(), user, ip, dice.pick(ShopCatalog.USER_AGENTS),
        dice.pick(ShopCatalog.REFERERS), "SKU-" + dice.between(10_000, 10_499), quantity,
        "ORD-" + dice.between(10_000_000, 99_999_999), amount, dice.pick(ShopCatalog.CURRENCIES),
        dice.pick(ShopCatalog.SEARCH_TERMS), dice.pick(ShopCatalog.COUPONS), dice.pick(ShopCatalog.CARD_BRANDS));
  }

  /** Fills the placeholders of a flow path. */
  String resolve(String path) {
    return path.replace("{sku}", sku)
        .replace("{order}", orderId)
        .replace("{user}", userId == null ? "anonymous" : userId)
        .replace("{query}", query);
  }
}
