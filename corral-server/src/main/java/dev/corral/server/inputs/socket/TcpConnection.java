package dev.corral.server.inputs.socket;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One accepted connection as a handler sees it. Reads block at most the listener's idle timeout,
 * then throw {@link java.net.SocketTimeoutException}.
 *
 * @param remote the peer, for logs and dead letters ({@code 127.0.0.1:53211})
 */
public record TcpConnection(String remote, InputStream in, OutputStream out) {}
