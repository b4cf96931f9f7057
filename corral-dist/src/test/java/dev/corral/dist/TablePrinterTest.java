package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TablePrinterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void alignsTextLeftNumbersRightAndShowsMissingCells() throws Exception {
    var table = JSON.readTree("""
        {"columns":[{"name":"service","type":"string"},{"name":"count()","type":"long"},{"name":"p95","type":"double"}],
         "rows":[["api-gateway",39138,null],["payment-gateway",7,5064.25]]}""");
    assertThat(TablePrinter.format(table)).containsExactly(
        "service          count()       p95",
        "---------------  -------  --------",
        "api-gateway        39138         -",
        "payment-gateway        7  5064.250");
  }

  @Test
  void longCellsAreCutWithAnEllipsis() throws Exception {
    var table = JSON.readTree("{\"columns\":[{\"name\":\"m\",\"type\":\"string\"}],\"rows\":[[\"" + "x".repeat(100) + "\"]]}");
    assertThat(TablePrinter.format(table).get(2)).hasSize(60).endsWith("…");
  }
}
