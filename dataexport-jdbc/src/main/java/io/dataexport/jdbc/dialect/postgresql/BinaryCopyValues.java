package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.type.ColumnKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Rows in the binary format of PostgreSQL's {@code COPY}: the file header, then per row the field
 * count and each field as its length (-1 for NULL) and the bytes its column type's receive function
 * reads: {@code uuid} 16 bytes, text as UTF-8, {@code integer} and {@code bigint} as 4 and 8 bytes,
 * {@code double precision} as IEEE 754, {@code boolean} as one byte, {@code timestamptz} as
 * microseconds and {@code date} as days since 2000-01-01, {@code numeric} as {@link NumericBinary}.
 */
final class BinaryCopyValues {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };
  private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
  private static final long POSTGRES_EPOCH_DAYS = 10_957L;

  private BinaryCopyValues() {}

  /** The header that starts the data: signature, no flags, no extension. */
  static void header(BinaryCopyBuffer out) {
    out.write(SIGNATURE);
    out.writeInt(0);
    out.writeInt(0);
  }

  /** The trailer that ends the data. */
  static void trailer(BinaryCopyBuffer out) {
    out.writeShort(-1);
  }

  /** One row; {@code kinds[i]} is the kind of the column of {@code row[i]}. */
  static void row(BinaryCopyBuffer out, ColumnKind[] kinds, Object[] row) {
    out.writeShort(row.length);
    for (int i = 0; i < row.length; i++) {
      value(out, kinds[i], row[i]);
    }
  }

  private static void value(BinaryCopyBuffer out, ColumnKind kind, Object value) {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    switch (kind) {
      case TEXT -> {
        byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
      case GUID -> {
        UUID id = (UUID) value;
        out.writeInt(16);
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
      }
      case INTEGER -> {
        out.writeInt(4);
        out.writeInt((Integer) value);
      }
      case BIGINT, IDENTITY -> {
        out.writeInt(8);
        out.writeLong((Long) value);
      }
      case DOUBLE -> {
        out.writeInt(8);
        out.writeLong(Double.doubleToLongBits((Double) value));
      }
      case BOOLEAN -> {
        out.writeInt(1);
        out.writeByte((Boolean) value ? 1 : 0);
      }
      case DATETIME, TIMESTAMP -> {
        out.writeInt(8);
        out.writeLong(micros((Instant) value));
      }
      case DATE -> {
        out.writeInt(4);
        out.writeInt((int) (((LocalDate) value).toEpochDay() - POSTGRES_EPOCH_DAYS));
      }
      case DECIMAL -> NumericBinary.write(out, (BigDecimal) value);
    }
  }

  /** Microseconds since 2000-01-01 UTC, rounded half up as the text input rounds. */
  private static long micros(Instant instant) {
    long seconds = instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS;
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), (instant.getNano() + 500) / 1000);
  }
}
