package io.dataexport.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.store.ClusterNodes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A node's heartbeat details: written compact, read back whatever version wrote them. */
class NodeReportTest {
  @Test
  void aReportReadsBackAsWritten() {
    NodeReport report =
        new NodeReport(
            List.of("p1/account"),
            List.of("p1"),
            List.of("p1"),
            new TreeMap<>(Map.of("p1", List.of(0, 3))),
            new TreeMap<>(
                Map.of(
                    "p1",
                    new TreeMap<>(
                        Map.of(
                            "account",
                            EntityFigures.of(12.345, Duration.ofMillis(2500), "refused"))))));

    NodeReport read = NodeReport.parse(report.toJson()).orElseThrow();

    assertThat(read).isEqualTo(report);
    assertThat(read.reads("p1", "account")).isTrue();
    assertThat(read.figures("p1", "account").orElseThrow())
        .isEqualTo(new EntityFigures(12.35, 2500L, "refused"));
  }

  @Test
  void figuresLeaveOutWhatIsNotKnown() {
    NodeReport report = accountThroughputOnly();

    assertThat(report.toJson()).contains("{\"account\":{\"throughput\":4.0}}");
  }

  @Test
  void aReportOfAnOlderFormatReadsWithNothingKnownOfWhatItLacks() {
    NodeReport read =
        NodeReport.parse(
                "{\"readers\":[\"p1/account\"],\"leading\":[],\"profiles\":[\"p1\"],"
                    + "\"partitions\":{\"p1\":[1]}}")
            .orElseThrow();

    assertThat(read.readers()).containsExactly("p1/account");
    assertThat(read.partitions()).containsEntry("p1", List.of(1));
    assertThat(read.entities()).isEmpty();
    assertThat(read.figures("p1", "account")).isEmpty();
    assertThat(read.clockOffsetMillis()).isNull();
    assertThat(NodeReport.parse("{}").orElseThrow()).isEqualTo(NodeReport.empty());
  }

  @Test
  void theClockOffsetIsReportedOnceMeasuredAndKeptWhenTheFiguresAreLeftOut() {
    NodeReport measured = new NodeReport(List.of(), List.of(), List.of(), null, null, -60_012L);

    assertThat(NodeReport.parse(measured.toJson()).orElseThrow().clockOffsetMillis())
        .isEqualTo(-60_012L);
    assertThat(measured.fitted(0).clockOffsetMillis()).isEqualTo(-60_012L);
    assertThat(NodeReport.empty().toJson()).doesNotContain("clockOffsetMillis");
  }

  @Test
  void aReportOfANewerFormatReadsWhatThisVersionKnows() {
    NodeReport read =
        NodeReport.parse(
                "{\"readers\":[],\"leading\":[\"p1\"],\"profiles\":[\"p1\"],\"zone\":\"b\","
                    + "\"entities\":{\"p1\":{\"account\":{\"throughput\":1.5,\"queued\":7}}}}")
            .orElseThrow();

    assertThat(read.leading()).containsExactly("p1");
    assertThat(read.figures("p1", "account").orElseThrow())
        .isEqualTo(new EntityFigures(1.5, null, null));
  }

  @Test
  void unreadableDetailsAreNoReport() {
    assertThat(NodeReport.parse(null)).isEmpty();
    assertThat(NodeReport.parse("not json")).isEmpty();
  }

  @Test
  void aLongReaderErrorIsCutInTheReport() {
    EntityFigures figures = EntityFigures.of(0, null, "x".repeat(5000));

    assertThat(figures.error()).hasSize(EntityFigures.MAX_ERROR_CHARS).endsWith("…");
  }

  @Test
  void aReportTooLargeForAHeartbeatStillFitsWithoutItsFigures() {
    TreeMap<String, EntityFigures> many = new TreeMap<>();
    for (int i = 0; i < 2000; i++) {
      many.put("entity_number_" + i, EntityFigures.of(1, Duration.ofSeconds(1), "failing"));
    }
    NodeReport report =
        new NodeReport(
            List.of("p1/entity_number_1"),
            List.of(),
            List.of("p1"),
            null,
            new TreeMap<>(Map.of("p1", many)));

    assertThat(bytes(report.toJson())).isGreaterThan(ClusterNodes.MAX_DETAILS_BYTES);
    NodeReport fitted = report.fitted(ClusterNodes.MAX_DETAILS_BYTES);
    assertThat(bytes(fitted.toJson())).isLessThanOrEqualTo(ClusterNodes.MAX_DETAILS_BYTES);
    assertThat(fitted.entities()).isEmpty();
    assertThat(fitted.readers()).containsExactly("p1/entity_number_1");
    assertThat(NodeReport.parse(fitted.toJson()).orElseThrow()).isEqualTo(fitted);
  }

  @Test
  void aReportThatFitsIsSentWhole() {
    NodeReport report = accountThroughputOnly();

    assertThat(report.fitted(ClusterNodes.MAX_DETAILS_BYTES)).isSameAs(report);
  }

  /** A node running p1 that knows account's throughput (4) and nothing else. */
  private static NodeReport accountThroughputOnly() {
    return new NodeReport(
        List.of(),
        List.of(),
        List.of("p1"),
        null,
        new TreeMap<>(
            Map.of("p1", new TreeMap<>(Map.of("account", EntityFigures.of(4, null, null))))));
  }

  private static int bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8).length;
  }
}
