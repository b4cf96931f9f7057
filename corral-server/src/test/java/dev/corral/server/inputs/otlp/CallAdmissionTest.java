package dev.corral.server.inputs.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.auth.AccessDenied;
import dev.corral.server.auth.Scope;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** Each reason of a refusal becomes the gRPC status an exporter handles right. */
class CallAdmissionTest {
  @Test
  void unknownCallersAreUnauthenticatedTooSmallScopesDeniedAndUncheckedKeysUnavailable() {
    for (AccessDenied.Reason reason : AccessDenied.Reason.values()) {
      AccessDenied denied = switch (reason) {
        case SCOPE -> AccessDenied.scope("k1", Scope.READ, Scope.INGEST);
        case BUSY -> AccessDenied.busy("API key k1 could not be checked now", 2);
        case CSRF -> AccessDenied.csrf("no CSRF token");
        case THROTTLED -> AccessDenied.throttled("too many failed sign-ins", 1);
        default -> AccessDenied.because(reason, "refused: " + reason);
      };
      Status.Code expected = switch (reason) {
        case SCOPE, CSRF -> Status.Code.PERMISSION_DENIED;
        case BUSY -> Status.Code.UNAVAILABLE; // retried by exporters: the key may be right
        case THROTTLED -> Status.Code.RESOURCE_EXHAUSTED;
        default -> Status.Code.UNAUTHENTICATED;
      };
      Status status = CallAdmission.status(denied);
      assertThat(status.getCode()).as(reason.name()).isEqualTo(expected);
      assertThat(status.getDescription()).isEqualTo(denied.getMessage());
    }
  }
}
