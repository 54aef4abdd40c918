package io.dataexport.emulator.metadata;

/**
 * One option of an option set.
 *
 * @param value the integer stored in records
 * @param label its localized label
 * @param state for a status option, the state value it belongs to; otherwise null
 * @param defaultStatus for a state option, its default status value; otherwise null
 * @param invariantName for a state option, its language-independent name; otherwise null
 */
public record OptionDefinition(
    int value, Label label, Integer state, Integer defaultStatus, String invariantName) {

  public static OptionDefinition of(int value, String english, String german) {
    return new OptionDefinition(value, Label.of(english, german), null, null, null);
  }

  public static OptionDefinition state(
      int value, String english, String german, int defaultStatus, String invariantName) {
    return new OptionDefinition(
        value, Label.of(english, german), null, defaultStatus, invariantName);
  }

  public static OptionDefinition status(int value, String english, String german, int state) {
    return new OptionDefinition(value, Label.of(english, german), state, null, null);
  }
}
