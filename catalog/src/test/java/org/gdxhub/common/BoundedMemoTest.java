package org.gdxhub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BoundedMemoTest {

  @Test
  void computesEachArgumentOnceUntilItIsFullThenStartsAfresh() {
    List<String> computed = new ArrayList<>();
    var memo = new BoundedMemo<String, Integer>(2, key -> {
      computed.add(key);
      return key.length();
    });
    assertThat(memo.get("a")).isEqualTo(1);
    assertThat(memo.get("bb")).isEqualTo(2);
    assertThat(memo.get("a")).isEqualTo(1);
    assertThat(computed).containsExactly("a", "bb");
    // A third argument empties the full memo: "a" is then computed again, once.
    assertThat(memo.get("ccc")).isEqualTo(3);
    assertThat(memo.get("a")).isEqualTo(1);
    assertThat(memo.get("a")).isEqualTo(1);
    assertThat(computed).containsExactly("a", "bb", "ccc", "a");
  }
}
