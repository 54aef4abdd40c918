package io.dataexport.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The constants of {@link NotificationCodec}'s binary form (see there for the layout). */
final class BinaryForm {
  /** The first byte of every notification this version writes; a new form gets a new one. */
  static final byte FORMAT = 1;

  /**
   * Deepest nesting of maps and lists within a payload (the payload itself is depth 1). Dataverse
   * payloads are flat; the bound keeps the recursive encoder and decoder far from the end of a
   * thread's stack (1000 levels overflowed a default stack now and then).
   */
  static final int MAX_DEPTH = 100;

  static final byte LEGACY_JSON = '{';

  static final byte NULL = 0;
  static final byte FALSE = 1;
  static final byte TRUE = 2;
  static final byte WHOLE = 3;
  static final byte DECIMAL = 4;
  static final byte BIG_DECIMAL = 5;
  static final byte STRING = 6;
  static final byte MAP = 7;
  static final byte LIST = 8;

  static final byte OPERATION_UPSERT = 0;
  static final byte OPERATION_DELETE = 1;

  /** Longer text is measured before it is written rather than given room for 3 bytes a char. */
  static final int SHORT_TEXT = 4096;

  /** Most presized entries of a map or list read: a bogus count must not allocate much. */
  static final int MAX_PRESIZE = 4096;

  /** Most digits whose every unscaled value fits a {@code long}. */
  static final int LONG_DIGITS = 18;

  static final VarHandle LONG_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private BinaryForm() {}
}
