package dev.corral.client;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who emits the events: the static fields every event of one appender carries. Any component may be null
 * (then the field is left out); {@code service} should be set, it is how Corral groups logs.
 */
public record Origin(String service, String environment, String version, String host) {
  /**
   * The name of this machine: {@code HOSTNAME} from the environment (set in containers and most shells),
   * else the local host's name, else null. Called once per appender, never per event (it may ask DNS).
   */
  public static String detectHost() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
