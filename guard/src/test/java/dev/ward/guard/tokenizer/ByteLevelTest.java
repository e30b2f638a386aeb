package dev.ward.guard.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteLevelTest {

  @Test
  void spellsEachByteAsOneDistinctCharacter() {
    byte[] all = new byte[256];
    for (int b = 0; b < 256; b++) {
      all[b] = (byte) b;
    }
    String spelled = ByteLevel.encode(all, 0, 256);
    Set<Character> distinct = new HashSet<>();
    spelled.chars().forEach(c -> distinct.add((char) c));

    assertThat(distinct).hasSize(256).doesNotContain(' ');
    assertThat(ByteLevel.decode(spelled)).isEqualTo(all);
  }

  @Test
  void keepsPrintableBytesAndMovesTheOthersPastLatin1() {
    assertThat(ByteLevel.encode(" hello\n".getBytes(), 0, 7)).isEqualTo("ĠhelloĊ");
    assertThat(ByteLevel.encode(new byte[] {0, (byte) 0xAD, (byte) 0xFF}, 0, 3))
        .isEqualTo("\u0100\u0143\u00ff");
  }

  @Test
  void namesACharacterThatSpellsNoByte() {
    assertThatThrownBy(() -> ByteLevel.decode("Ġa b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("character U+0020 at index 2 is not a byte-level character");
    assertThatThrownBy(() -> ByteLevel.decode("日"))
        .hasMessageContaining("U+65E5 at index 0");
  }
}
