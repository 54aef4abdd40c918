package io.dataexport.jdbc.type;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The kinds of destination column the general writer knows. Every DES column (entity, metadata and
 * internal tables) is one of these; a dialect maps each kind to a {@link ColumnType}. The Java
 * class is what the writer binds: a dialect's type converts it to its database's representation.
 */
public enum ColumnKind {
  /** A record id: {@code Id}, uniqueidentifier attributes, lookup targets. */
  GUID(UUID.class),
  /** Text: strings, memos, entity names, multi-select choices ({@code "1,3"}), labels. */
  TEXT(String.class),
  /** A 32-bit whole number: integers, choices, states, statuses, language codes. */
  INTEGER(Integer.class),
  /** A 64-bit whole number: big integers, {@code versionnumber}. */
  BIGINT(Long.class),
  /** An exact decimal: decimals and money. */
  DECIMAL(BigDecimal.class),
  /** A floating-point number. */
  DOUBLE(Double.class),
  /** Yes or no. */
  BOOLEAN(Boolean.class),
  /** A source date-time attribute, in UTC. */
  DATETIME(Instant.class),
  /** A source date-only attribute. */
  DATE(LocalDate.class),
  /**
   * A time the service wrote ({@code SinkCreatedOn}, {@code SinkModifiedOn}, {@code
   * SinkDeleteTime}); stored so that it compares correctly in SQL, to at least the microsecond.
   */
  TIMESTAMP(Instant.class),
  /**
   * A generated surrogate key ({@code DeleteLog.Id}, {@code AttributeMetadata.Id}); never bound.
   */
  IDENTITY(Long.class);

  private final Class<?> javaType;

  ColumnKind(Class<?> javaType) {
    this.javaType = javaType;
  }

  /** The class of the values the writer binds to columns of this kind. */
  public Class<?> javaType() {
    return javaType;
  }
}
