package dev.corral.demo;

import java.util.Objects;

/**
 * A kind of user request: it enters at {@code api-gateway} ({@code root}) and fans out.
 *
 * @param name e.g. {@code checkout}
 * @param weight relative frequency
 * @param root the api-gateway hop
 * @param clientErrorStatus 4xx the first service answers when the request is refused
 * @param clientErrorRate how often that happens
 * @param clientErrorMessage what the refusing service logs
 */
record RequestFlow(String name, double weight, Call root, int clientErrorStatus, double clientErrorRate,
    String clientErrorMessage) {

  RequestFlow {
    Objects.requireNonNull(root, "root");
    if (!root.service().equals("api-gateway") || root.children().size() != 1) {
      throw new IllegalArgumentException("flow " + name + " must enter at api-gateway with one downstream call");
    }
    if (root.size() < 2 || root.size() > 6) {
      throw new IllegalArgumentException("flow " + name + " spans " + root.size() + " hops, must be 2-6");
    }
  }
}
