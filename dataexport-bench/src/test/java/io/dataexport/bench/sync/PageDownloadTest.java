package io.dataexport.bench.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageDownloadTest {

  @Test
  void theNextLinkIsFoundAfterTheRows() {
    byte[] page =
        ("{\"@odata.context\":\"x\",\"value\":[{\"name\":\"a\"}],"
                + "\"@odata.nextLink\":\"http://h/api/accounts?$select=name&$skiptoken=abc\"}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(PageDownload.nextLink(page))
        .isEqualTo(URI.create("http://h/api/accounts?$select=name&$skiptoken=abc"));
  }

  @Test
  void theLastPageHasNoNextLink() {
    byte[] page =
        "{\"value\":[],\"@odata.deltaLink\":\"http://h/api/accounts?$deltatoken=1\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(PageDownload.nextLink(page)).isNull();
  }
}
