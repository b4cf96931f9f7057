package dev.corral.opensearch.node;

import java.nio.file.Path;

/**
 * The configuration of {@link NginxTlsProxy}'s nginx: everything under {@code dir}, two TLS
 * listeners on 127.0.0.1 with basic auth in front of one upstream node.
 *
 * @param dir nginx's prefix: pid file, logs, temporary files, {@code htpasswd}
 * @param upstreamPort the OpenSearch node's HTTP port on 127.0.0.1
 * @param port the listener whose certificate names localhost
 * @param certificate its certificate
 * @param misnamedPort the listener whose certificate names another host
 * @param misnamed its certificate
 * @param maxBody nginx's {@code client_max_body_size}
 */
record NginxConfig(Path dir, int upstreamPort, int port, OpenSslCa.Issued certificate, int misnamedPort,
    OpenSslCa.Issued misnamed, String maxBody) {
  /** Idle connections to the node nginx keeps open: a few writers and searches at a time in a test. */
  private static final int KEEPALIVE_CONNECTIONS = 8;

  /** The nginx.conf text. */
  String text() {
    return """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log info;
        events { worker_connections 256; }
        http {
          access_log %1$s/access.log combined;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          upstream opensearch {
            server 127.0.0.1:%2$d;
            keepalive %3$d;
          }
        %4$s%5$s}
        """.formatted(dir, upstreamPort, KEEPALIVE_CONNECTIONS, server(port, certificate), server(misnamedPort, misnamed));
  }

  private String server(int listen, OpenSslCa.Issued issued) {
    return """
          server {
            listen 127.0.0.1:%1$d ssl;
            ssl_certificate %2$s;
            ssl_certificate_key %3$s;
            auth_basic "OpenSearch";
            auth_basic_user_file %4$s/htpasswd;
            client_max_body_size %5$s;
            location / {
              proxy_pass http://opensearch;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_set_header Authorization "";
              proxy_buffering off;
              proxy_request_buffering off;
            }
          }
        """.formatted(listen, issued.cert(), issued.key(), dir, maxBody);
  }
}
