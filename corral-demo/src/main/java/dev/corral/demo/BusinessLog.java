package dev.corral.demo;

import java.util.Map;

/** A business event a service logs while serving a request (logtype {@code custom}). */
record BusinessLog(Severity severity, String message, Map<String, Object> context) {}
