package io.dataexport.bench.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.dataverse.DataverseChangeSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The source's own limit: a client that downloads the pages of a tracked initial read, exactly as
 * the service asks for them (same {@code $select}, page size and {@code Prefer}), and does nothing
 * with them but find the next link.
 */
public final class PageDownload {
  private static final String PREFER =
      "odata.track-changes,odata.maxpagesize=%d,"
          + "odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"";
  private static final byte[] NEXT_LINK =
      "\"@odata.nextLink\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final int TAIL = 8192;

  private final URI firstPage;
  private final String prefer;
  private final SourceEndpoint endpoint;

  private PageDownload(URI firstPage, int pageSize, SourceEndpoint endpoint) {
    this.firstPage = firstPage;
    this.prefer = PREFER.formatted(pageSize);
    this.endpoint = endpoint;
  }

  /**
   * Prepares a download of the pages the service would read: asks the source for the first page
   * once (not timed) to learn the service's query from its next link.
   */
  public static PageDownload of(
      DataverseChangeSource source, EntitySchema entity, SourceEndpoint endpoint, int pageSize) {
    ChangePage page = source.read(entity, ChangeCursor.start());
    String link = page.next().link();
    int skip = link.indexOf("&$skiptoken=");
    if (page.caughtUp() || skip < 0) {
      throw new IllegalStateException("the initial read needs more than one page: " + link);
    }
    return new PageDownload(URI.create(link.substring(0, skip)), pageSize, endpoint);
  }

  /**
   * Downloads every page.
   *
   * @return how many pages
   */
  public int run() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String bearer = "Bearer " + token(http);
      int pages = 0;
      for (URI next = firstPage; next != null; pages++) {
        HttpResponse<byte[]> response =
            http.send(
                HttpRequest.newBuilder(next)
                    .header("Authorization", bearer)
                    .header("Prefer", prefer)
                    .header("Accept", "application/json")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IOException("page " + next + " answered " + response.statusCode());
        }
        next = nextLink(response.body());
      }
      return pages;
    }
  }

  /** The next link, which the source writes after the rows, or null on the last page. */
  static URI nextLink(byte[] body) {
    for (int i = body.length - NEXT_LINK.length; i >= Math.max(0, body.length - TAIL); i--) {
      if (matches(body, i)) {
        int start = i + NEXT_LINK.length;
        int end = start;
        while (body[end] != '"') {
          end++;
        }
        return URI.create(new String(body, start, end - start, StandardCharsets.UTF_8));
      }
    }
    return null;
  }

  private static boolean matches(byte[] body, int at) {
    for (int j = 0; j < NEXT_LINK.length; j++) {
      if (body[at + j] != NEXT_LINK[j]) {
        return false;
      }
    }
    return true;
  }

  private String token(HttpClient http) throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id="
            + encode(endpoint.clientId())
            + "&client_secret="
            + encode(endpoint.clientSecret())
            + "&scope="
            + encode(endpoint.url() + "/.default");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(endpoint.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("the token endpoint answered " + response.statusCode());
    }
    return new ObjectMapper().readTree(response.body()).path("access_token").asText();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
