package dev.corral.demo;

/** The access-log part of an event: one HTTP request served. */
record HttpCall(String method, String uri, int status, double responseTimeMs, String userAgent, long bytesSent,
    String sourceIp, String referer) {}
