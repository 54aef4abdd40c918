package io.dataexport.jdbc.dialect;

import java.sql.SQLException;

/**
 * Tells from a database error whether trying again may help. Each dialect has one for the codes of
 * its driver; the general rules of {@link SqlStateClassifier} decide what it leaves open.
 */
@FunctionalInterface
public interface SqlErrorClassifier {

  /**
   * Classifies one exception of a chain (the caller walks causes and next exceptions).
   *
   * @return the kind, or null when this classifier does not recognise the error
   */
  SqlFailureKind classify(SQLException exception);
}
