package io.dataexport.dataverse.tracking;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangeCursor.Phase;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.ChangeTokenExpiredException;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.http.WebApiClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an entity's changes page by page with Dataverse change tracking: a tracked initial read of
 * every record that ends in a delta link, then delta reads of what changed since.
 *
 * <ul>
 *   <li>{@code INITIAL} without a link starts the read; with a link (a next link) goes on. A page
 *       with a delta link ends it: the next cursor is {@code DELTA} and the page is caught up.
 *   <li>{@code DELTA} reads the link: a next link means more of this delta is pending; a delta link
 *       means caught up.
 *   <li>Deletions come without a version; each gets the highest version known at that point (the
 *       cursor's high-water mark, the page's rows so far, the delta tokens' versions), so it wins
 *       over everything read before it.
 * </ul>
 *
 * <p>Thread-safe: everything about a stream travels in its {@link ChangeCursor}; the reader only
 * keeps, per entity, the failure a read under way is retrying ({@link #retrying}).
 */
public final class ChangeReader {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeReader.class);

  private final WebApiClient client;
  private final URI webApiRoot;
  private final String prefer;
  // per entity (logical name): what its read under way is retrying
  private final Map<String, String> retrying = new ConcurrentHashMap<>();

  /**
   * @param client the Web API client
   * @param webApiRoot the Web API root, ending in {@code /}
   * @param pageSize rows per page asked for (1-5000)
   */
  public ChangeReader(WebApiClient client, URI webApiRoot, int pageSize) {
    this.client = client;
    this.webApiRoot = webApiRoot;
    // lookuplogicalname tells which entity a customer or owner lookup points at
    this.prefer =
        "odata.track-changes,odata.maxpagesize="
            + pageSize
            + ",odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"";
  }

  /**
   * Reads the next page of an entity's changes.
   *
   * @throws ChangeTokenExpiredException when the cursor's change token has expired, or its link
   *     belongs to another organisation
   * @throws ConfigurationException when the entity does not track changes or access was refused
   * @throws RetriableException when the source cannot be reached or throttles beyond the wait
   */
  public ChangePage read(EntitySchema entity, ChangeCursor cursor) {
    if (!entity.changeTrackingEnabled()) {
      throw new ConfigurationException(
          "Change tracking is disabled for entity '"
              + entity.logicalName()
              + "'. Enable 'Track changes' for it in Dataverse, or remove it from entities.");
    }
    RecordConverter converter = new RecordConverter(entity);
    boolean starting = cursor.link() == null;
    if (starting && cursor.phase() == Phase.DELTA) {
      throw new IllegalArgumentException(
          "A DELTA cursor of " + entity.logicalName() + " needs a link; start with INITIAL.");
    }
    URI uri = starting ? initialUri(entity, converter) : savedLink(entity, cursor.link());
    long total = starting ? count(entity) : -1;
    byte[] body;
    try {
      body = client.get(uri, prefer, problem -> retrying.put(entity.logicalName(), problem));
    } finally {
      retrying.remove(entity.logicalName());
    }
    ChangePageParser.ParsedPage page = ChangePageParser.parse(body, converter);
    if (page.nextLink() == null && page.deltaLink() == null) {
      throw new ConfigurationException(
          "The source answered the tracked read of "
              + entity.logicalName()
              + " without a next or delta link: change tracking is not in effect for it. Enable"
              + " 'Track changes' for the entity in Dataverse.");
    }
    long known =
        Math.max(
            cursor.highWaterVersion(),
            Math.max(
                DeltaToken.versionOf(cursor.link()).orElse(0),
                DeltaToken.versionOf(page.deltaLink()).orElse(0)));
    List<SourceChange> changes = new ArrayList<>(page.changes().size());
    for (SourceChange change : page.changes()) {
      if (change.operation() == Operation.DELETE) {
        changes.add(new SourceChange(change.recordId(), Operation.DELETE, known, Map.of()));
      } else {
        known = Math.max(known, change.version());
        changes.add(change);
      }
    }
    boolean caughtUp = page.deltaLink() != null;
    Phase phase = caughtUp ? Phase.DELTA : cursor.phase();
    ChangeCursor next =
        new ChangeCursor(phase, caughtUp ? page.deltaLink() : page.nextLink(), known);
    return new ChangePage(changes, next, caughtUp, total);
  }

  private URI initialUri(EntitySchema entity, RecordConverter converter) {
    return webApiRoot.resolve(
        encodePath(entity.entitySetName()) + "?$select=" + converter.select());
  }

  /**
   * The cursor's link, if it belongs to this organisation. A bearer token goes only to the
   * configured source; a link saved under another source URL cannot be continued here.
   */
  private URI savedLink(EntitySchema entity, String link) {
    URI uri;
    try {
      uri = URI.create(link);
    } catch (IllegalArgumentException e) {
      throw new ChangeTokenExpiredException(
          "The saved link of " + entity.logicalName() + " is not a URL; exporting it again.", e);
    }
    boolean sameOrigin =
        lower(uri.getScheme()).equals(lower(webApiRoot.getScheme()))
            && lower(uri.getHost()).equals(lower(webApiRoot.getHost()))
            && port(uri) == port(webApiRoot);
    if (!sameOrigin) {
      throw new ChangeTokenExpiredException(
          "The saved link of "
              + entity.logicalName()
              + " points to "
              + uri.getHost()
              + ", not to the source at "
              + webApiRoot.getHost()
              + " (source.url changed): the entity is exported again in full.",
          null);
    }
    return uri;
  }

  /**
   * What the read of the entity under way is retrying (the source failed and the read waits to try
   * again), before it gives up; empty when no read of it is retrying.
   */
  public Optional<String> retrying(String entity) {
    return Optional.ofNullable(retrying.get(entity));
  }

  /** The entity's record count for progress reports, or -1 when the source does not say. */
  private long count(EntitySchema entity) {
    URI uri = webApiRoot.resolve(encodePath(entity.entitySetName()) + "/$count");
    try {
      return Long.parseLong(new String(client.get(uri, null), StandardCharsets.UTF_8).strip());
    } catch (NumberFormatException | RetriableException | ConfigurationException e) {
      // only a progress estimate: the read itself decides whether the source works
      LOG.debug("No record count for {}: {}", entity.logicalName(), e.getMessage());
      return -1;
    }
  }

  private static String encodePath(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
