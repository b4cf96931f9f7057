package dev.corral.ship.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.normalize.AliasTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ServiceKeyTest {
  @Test
  void theNamesAreTheServersDefaultAliasesOfService() {
    List<String> server = new ArrayList<>(List.of("service"));
    AliasTable.defaults().entries().get("service").forEach(alias -> server.add(alias.toLowerCase(Locale.ROOT)));
    assertThat(ServiceKey.NAMES).containsExactlyElementsOf(server);
  }

  @Test
  void theCanonicalServiceWinsOverEveryAlias() {
    assertThat(ServiceKey.of("{\"app\":\"a\",\"msg\":\"x\",\"service\":\"checkout\",\"service_name\":\"b\"}"))
        .isEqualTo("checkout");
  }

  @Test
  void anAliasTheServerKnowsIsTheKeyWhenServiceIsMissing() {
    assertThat(ServiceKey.of("{\"msg\":\"x\",\"Service_Name\":\"payments\"}")).isEqualTo("payments");
    assertThat(ServiceKey.of("{\"ServiceKey\":\"ledger\"}")).isEqualTo("ledger");
    assertThat(ServiceKey.of("{\"service.name\":\"otel-svc\",\"app\":\"other\"}")).isEqualTo("otel-svc");
    assertThat(ServiceKey.of("{\"service\":{\"version\":\"1\",\"name\":\"ecs-svc\"},\"app\":\"other\"}"))
        .isEqualTo("ecs-svc");
    assertThat(ServiceKey.of("{\"app\":\"web\"}")).isEqualTo("web");
  }

  @Test
  void noServiceNoKey() {
    assertThat(ServiceKey.of("{\"msg\":\"x\",\"nested\":{\"service\":\"not top level\"}}")).isNull();
    assertThat(ServiceKey.of("{\"service\":\"\",\"level\":\"info\"}")).isNull();
    assertThat(ServiceKey.of("{\"service\":42}")).isNull();
    assertThat(ServiceKey.of("not json")).isNull();
  }
}
