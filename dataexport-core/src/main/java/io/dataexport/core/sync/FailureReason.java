package io.dataexport.core.sync;

import java.util.regex.Pattern;

/**
 * The failure reason kept in the failure log and written to logs, made free of record data as far
 * as can be told from the text (SPEC §5: no record data leaves with a failure):
 *
 * <ul>
 *   <li>only the first line of the message: drivers put an error's details on the following lines
 *       (PostgreSQL: {@code Detail: Failing row contains (…)});
 *   <li>SQL string literals replaced by {@code '…'}: some drivers quote the statement with its
 *       values in the message (pgjdbc's {@code Batch entry 0 INSERT … VALUES (('…'))});
 *   <li>a long line shortened in its middle, keeping its start (what was done) and its end (the
 *       database's error).
 * </ul>
 *
 * This is a second line of defence; destinations should not put values in messages at all.
 */
final class FailureReason {
  private static final int MAX_LENGTH = 600;
  private static final int HEAD = 250;
  private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");

  private FailureReason() {}

  /**
   * The failure for a log line: its class, its reason and its stack trace, and the same for its
   * causes, but none of their full messages. For failures nobody expected (bugs), whose messages
   * may hold anything.
   */
  static Throwable redacted(Throwable failure) {
    Redacted redacted =
        new Redacted(
            failure.getClass().getName() + ": " + of(failure),
            failure.getCause() == null || failure.getCause() == failure
                ? null
                : redacted(failure.getCause()));
    redacted.setStackTrace(failure.getStackTrace());
    return redacted;
  }

  /** A failure's class and reason, standing in for it in logs. */
  private static final class Redacted extends RuntimeException {
    Redacted(String message, Throwable cause) {
      super(message, cause, false, true);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }

  /** The reason a failure gives, without record data. */
  static String of(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    String reason = message.strip().lines().findFirst().orElse("").strip();
    reason = LITERAL.matcher(reason).replaceAll("'…'");
    // an unmatched quote can only come after every matched literal
    int lastLiteral = reason.lastIndexOf("'…'");
    int unterminated = reason.indexOf('\'', lastLiteral < 0 ? 0 : lastLiteral + 3);
    if (unterminated >= 0) {
      // a literal running past the first line: what follows its quote is a value
      reason = reason.substring(0, unterminated + 1) + "…";
    }
    if (reason.length() > MAX_LENGTH) {
      reason =
          reason.substring(0, HEAD)
              + " … "
              + reason.substring(reason.length() - (MAX_LENGTH - HEAD - 3));
    }
    return reason;
  }
}
