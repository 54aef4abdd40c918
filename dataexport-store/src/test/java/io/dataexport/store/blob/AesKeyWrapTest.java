package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.blob.WrappedKey;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The wrapped-key format every provider of the package shares. */
class AesKeyWrapTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final SecretKey KEK =
      new SecretKeySpec(
          HEX.parseHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"), "AES");

  @Test
  void aDataKeyIsWrappedAsRfc3394Specifies() {
    // RFC 3394, 4.6: wrap 256 bits of key data with a 256-bit KEK.
    byte[] dataKey =
        HEX.parseHex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");

    WrappedKey wrapped = AesKeyWrap.wrap("kek-1", KEK, dataKey);

    assertThat(wrapped.keyId()).isEqualTo("kek-1");
    assertThat(HEX.formatHex(wrapped.bytes()))
        .isEqualToIgnoringCase(
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");
    assertThat(AesKeyWrap.unwrap(KEK, wrapped, () -> "not expected")).isEqualTo(dataKey);
  }

  @Test
  void aDataKeyThatIsNot32BytesIsRefused() {
    assertThatThrownBy(() -> AesKeyWrap.wrap("kek-1", KEK, new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageContaining("not 16");
  }
}
