package io.dataexport.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.error.PermanentException;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

  @Test
  void theDetailLinesOfADriverMessageAreDropped() {
    String reason =
        FailureReason.of(
            new PermanentException(
                "ERROR: new row violates check constraint \"no_poison\"\n"
                    + "  Detail: Failing row contains (1, Secret Corp).",
                null));

    assertThat(reason).isEqualTo("ERROR: new row violates check constraint \"no_poison\"");
  }

  @Test
  void valuesQuotedInAStatementAreRedactedAndTheDatabaseErrorAtTheEndIsKept() {
    String statement =
        "Applying 1 notification(s) of account failed: Batch entry 0 INSERT INTO \"account\" ("
            + "\"c\", ".repeat(200)
            + ") VALUES (('1'::int4), ('Secret Corp'), ('it''s')) was aborted: ERROR: new row"
            + " violates check constraint \"no_poison\"\n  Detail: Failing row contains (x).";

    String reason = FailureReason.of(new PermanentException(statement, null));

    assertThat(reason)
        .doesNotContain("Secret")
        .doesNotContain("it''s")
        .startsWith("Applying 1 notification(s) of account failed")
        .endsWith("violates check constraint \"no_poison\"")
        .hasSizeLessThanOrEqualTo(600);
  }

  @Test
  void aLiteralRunningPastTheFirstLineIsCutAtItsQuote() {
    String reason =
        FailureReason.of(new PermanentException("VALUES ('first line of a memo\nsecond", null));

    assertThat(reason).isEqualTo("VALUES ('…");
  }

  @Test
  void aRedactedFailureKeepsClassesAndStackTracesButNoMessageLines() {
    IllegalStateException cause = new IllegalStateException("value 'Secret Corp'\nmore");
    RuntimeException failure = new RuntimeException("binding failed\nDetail: Secret Corp", cause);

    Throwable redacted = FailureReason.redacted(failure);

    assertThat(redacted.toString()).isEqualTo("java.lang.RuntimeException: binding failed");
    assertThat(redacted.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(redacted.getCause().toString())
        .isEqualTo("java.lang.IllegalStateException: value '…'");
  }
}
