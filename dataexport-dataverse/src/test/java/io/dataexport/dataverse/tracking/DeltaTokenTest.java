package io.dataexport.dataverse.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version a delta token stands for, where Dataverse's token shape shows it. */
class DeltaTokenTest {

  @Test
  void anEncodedDataverseTokenGivesItsVersion() {
    String link =
        "https://org.crm.dynamics.com/api/data/v9.2/accounts?$select=name,_ownerid_value"
            + "&$deltatoken=919042%2108%2F22%2F2017%2008%3A10%3A44";

    assertThat(DeltaToken.versionOf(link)).hasValue(919042);
  }

  @Test
  void anUnencodedTokenGivesItsVersionToo() {
    assertThat(DeltaToken.versionOf("https://o/api/data/v9.2/accounts?$deltatoken=12!x"))
        .hasValue(12);
  }

  @Test
  void linksWithoutADataverseShapedTokenGiveNothing() {
    assertThat(DeltaToken.versionOf(null)).isEmpty();
    assertThat(DeltaToken.versionOf("https://o/api/data/v9.2/accounts?$skiptoken=abc")).isEmpty();
    assertThat(DeltaToken.versionOf("https://o/api/data/v9.2/accounts?$deltatoken=opaque"))
        .isEmpty();
    assertThat(DeltaToken.versionOf("not a uri ^")).isEmpty();
  }
}
