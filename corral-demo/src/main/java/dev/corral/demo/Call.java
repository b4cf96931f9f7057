package dev.corral.demo;

import java.util.List;

/**
 * One hop of a request flow: {@code service} is called with {@code method path} and calls its
 * children in order.
 *
 * @param service name of the called service
 * @param method HTTP method
 * @param path path, with {@code {sku}}, {@code {order}}, {@code {user}} placeholders
 * @param handler function that serves it
 * @param critical whether a failure here fails the caller; a non-critical failure is logged as a
 *     WARN and the caller degrades gracefully
 * @param children calls made while serving this one, in order
 */
record Call(String service, String method, String path, String handler, boolean critical, List<Call> children) {

  Call {
    children = List.copyOf(children);
  }

  static Call of(String service, String method, String path, String handler, Call... children) {
    return new Call(service, method, path, handler, true, List.of(children));
  }

  static Call optional(String service, String method, String path, String handler, Call... children) {
    return new Call(service, method, path, handler, false, List.of(children));
  }

  /** Services in this subtree, counting repeats. */
  int size() {
    int n = 1;
    for (Call child : children) {
      n += child.size();
    }
    return n;
  }
}
