package io.dataexport.dataverse.testing;

import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.ChangeSource;
import java.util.ArrayList;
import java.util.List;

/** Follows an entity's change stream the way a change reader does, page after page. */
public final class ChangeStream {
  private ChangeStream() {}

  /** The pages from {@code cursor} up to and including the first caught-up one. */
  public static List<ChangePage> readUntilCaughtUp(
      ChangeSource source, EntitySchema entity, ChangeCursor cursor) {
    List<ChangePage> pages = new ArrayList<>();
    ChangeCursor at = cursor;
    while (true) {
      ChangePage page = source.read(entity, at);
      pages.add(page);
      if (page.caughtUp()) {
        return pages;
      }
      if (pages.size() > 100_000) {
        throw new AssertionError("the stream of " + entity.logicalName() + " never caught up");
      }
      at = page.next();
    }
  }

  /** The cursor after the last page. */
  public static ChangeCursor last(List<ChangePage> pages) {
    return pages.getLast().next();
  }
}
