package dev.corral.server.tls;

import java.net.InetSocketAddress;
import java.security.Security;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client that offers only TLS 1.1 and 1.0, run in its own JVM ({@link TlsListenersTest} starts it) because the
 * JDK disables both in {@code jdk.tls.disabledAlgorithms} once per process: this JVM re-enables them before any TLS
 * class loads, proves it can speak TLS 1.1 to a server of its own that allows it (the control), then tries each port
 * given and prints {@code PORT refused} or {@code PORT accepted PROTOCOL}.
 */
public final class OldProtocolProbe {
  private OldProtocolProbe() {}

  public static void main(String[] args) throws Exception {
    Security.setProperty("jdk.tls.disabledAlgorithms", "SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, NULL, anon");
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, new TrustManager[] {new TrustingEveryone()}, null);
    System.out.println("control " + control(client, args[0], args[1].toCharArray()));
    for (int i = 2; i < args.length; i++) {
      int port = Integer.parseInt(args[i]);
      try (SSLSocket socket = oldSocket(client, port)) {
        socket.startHandshake();
        System.out.println(port + " accepted " + socket.getSession().getProtocol());
      } catch (java.io.IOException e) {
        System.out.println(port + " refused " + e.getMessage());
      }
    }
  }

  /** A JDK server in this JVM with TLS 1.1 enabled: the probe's client must reach it, or it proves nothing. */
  private static String control(SSLContext client, String keystore, char[] password) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(keystore))) {
      store.load(in, password);
    }
    javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
    keys.init(store, password);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);
    try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket()) {
      server.setEnabledProtocols(new String[] {"TLSv1.1"});
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread accept = Thread.ofVirtual().start(() -> {
        try (SSLSocket accepted = (SSLSocket) server.accept()) {
          accepted.startHandshake();
        } catch (java.io.IOException ignored) {
          // the client side reports the outcome
        }
      });
      try (SSLSocket socket = oldSocket(client, server.getLocalPort())) {
        socket.startHandshake();
        return "accepted " + socket.getSession().getProtocol();
      } catch (java.io.IOException e) {
        return "refused " + e.getMessage();
      } finally {
        accept.join();
      }
    }
  }

  private static SSLSocket oldSocket(SSLContext client, int port) throws java.io.IOException {
    SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(new String[] {"TLSv1.1", "TLSv1"});
    return socket;
  }

  /** The probe asks only which protocol a server accepts, not who it is. */
  private static final class TrustingEveryone implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
