package dev.corral.server.audit;

import dev.corral.server.auth.Access;
import dev.corral.server.http.Request;
import dev.corral.server.http.RequestObserver;
import dev.corral.server.http.Route;

/**
 * Records every request to an admin route ({@link Access#ADMIN}) once its handler answered: the
 * method, the path, the status and who sent it ({@link AuditEntries#adminRequest}); refused when
 * the status is 400 or more. The one hook of admin actions, in the HTTP layer: no handler records
 * its own request. Request bodies are not recorded (a key request's answer holds a secret, a body
 * may hold credentials); what changed is in the handler's own entries (keys, users).
 */
final class AdminRequests implements RequestObserver {
  private final AuditTrail trail;

  AdminRequests(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void answered(Route route, Request request, int status) {
    if (route.access() == Access.ADMIN) {
      trail.record(AuditEntries.adminRequest(request, status));
    }
  }
}
