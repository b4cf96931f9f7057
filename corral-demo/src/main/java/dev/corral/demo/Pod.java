package dev.corral.demo;

/** One running replica of a service: {@code payment-gateway-7d9f8-x2k4q} at {@code 10.42.3.17}. */
record Pod(ShopService service, String name, String ip) {}
