package org.gdxhub.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

  /** FIPS 180-2 test vectors, and text hashed as UTF-8. */
  @Test
  void givesTheStandardDigestsAsLowerCaseHex() {
    assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Sha256.hex("\u0e01")).isEqualTo(Sha256.hex(new String(new byte[] {(byte) 0xe0, (byte) 0xb8, (byte) 0x81},
        java.nio.charset.StandardCharsets.UTF_8)));
  }
}
