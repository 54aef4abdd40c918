package io.dataexport.emulator.throttle;

/** The three Dataverse service-protection limits, with the error code and message of each. */
enum ProtectionLimit {
  REQUESTS("0x80072322") {
    @Override
    String message(ServiceProtectionLimits limits) {
      return "Number of requests exceeded the limit of "
          + limits.maxRequests()
          + " over time window of "
          + limits.window().toSeconds()
          + " seconds.";
    }
  },
  EXECUTION_TIME("0x80072321") {
    @Override
    String message(ServiceProtectionLimits limits) {
      return "Combined execution time of incoming requests exceeded limit of "
          + limits.maxExecutionTime().toMillis()
          + " milliseconds over time window of "
          + limits.window().toSeconds()
          + " seconds.";
    }
  },
  CONCURRENT_REQUESTS("0x80072326") {
    @Override
    String message(ServiceProtectionLimits limits) {
      return "Number of concurrent requests exceeded the limit of "
          + limits.maxConcurrentRequests()
          + ".";
    }
  };

  private final String code;

  ProtectionLimit(String code) {
    this.code = code;
  }

  /** The Dataverse error code sent with the 429. */
  String code() {
    return code;
  }

  /** The Dataverse error message, naming the limit. */
  abstract String message(ServiceProtectionLimits limits);
}
