package dev.corral.demo;

/**
 * An exception as logged.
 *
 * @param type exception class ({@code java.net.SocketTimeoutException}, {@code KeyError})
 * @param message its message
 * @param stackTrace the full multi-line trace, in the platform's own format
 */
record Failure(String type, String message, String stackTrace) {}
