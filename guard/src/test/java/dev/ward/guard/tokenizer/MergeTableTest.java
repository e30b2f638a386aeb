package dev.ward.guard.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MergeTableTest {

  @Test
  void findsRankAndResultOfEveryAddedPairAndNothingElse() {
    MergeTable.Builder builder = new MergeTable.Builder();
    // Enough pairs to grow the table several times.
    for (int i = 0; i < 50_000; i++) {
      assertThat(builder.add(i, i * 7 + 1, i, 1_000_000 - i)).isEqualTo(MergeTable.ABSENT);
    }
    MergeTable table = builder.build();

    assertThat(table.size()).isEqualTo(50_000);
    for (int i = 0; i < 50_000; i++) {
      long merge = table.find(i, i * 7 + 1);
      assertThat(MergeTable.rank(merge)).isEqualTo(i);
      assertThat(MergeTable.result(merge)).isEqualTo(1_000_000 - i);
      assertThat(table.find(i * 7 + 1, i)).isEqualTo(MergeTable.ABSENT);
    }
  }

  @Test
  void keepsTheFirstMergeOfAPairAndReportsIt() {
    MergeTable.Builder builder = new MergeTable.Builder();
    builder.add(3, 4, 0, 10);

    long earlier = builder.add(3, 4, 5, 11);

    assertThat(MergeTable.rank(earlier)).isZero();
    assertThat(MergeTable.result(builder.build().find(3, 4))).isEqualTo(10);
  }
}
