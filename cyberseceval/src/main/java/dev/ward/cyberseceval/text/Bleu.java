package dev.ward.cyberseceval.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sentence BLEU exactly as sacrebleu's {@code corpus_bleu([hyp], [[ref]])} computes it with its
 * defaults: the 13a tokenizer, case kept, exponential smoothing, no effective order, 0-100.
 */
public final class Bleu {
  private static final int ORDER = 4;
  private static final double LOG_ZERO = -9999999999.0;
  private static final Pattern PUNCTUATION = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
  private static final Pattern PERIOD_AFTER = Pattern.compile("([^0-9])([\\.,])");
  private static final Pattern PERIOD_BEFORE = Pattern.compile("([\\.,])([^0-9])");
  private static final Pattern DASH = Pattern.compile("([0-9])(-)");
  /** Python's whitespace (str.split, str.rstrip): Unicode White_Space plus \x1c-\x1f. */
  private static final Pattern SPACES = Pattern.compile("[\\s\\x1c-\\x1f]+",
      Pattern.UNICODE_CHARACTER_CLASS);


  private Bleu() {}

  public static double score(String hypothesis, String reference) {
    List<String> hyp = tokenize(hypothesis);
    List<String> ref = tokenize(reference);
    long[] correct = new long[ORDER];
    long[] total = new long[ORDER];
    boolean anyMatch = false;
    for (int n = 1; n <= ORDER; n++) {
      Map<List<String>, Integer> refCounts = ngrams(ref, n);
      Map<List<String>, Integer> hypCounts = ngrams(hyp, n);
      for (Map.Entry<List<String>, Integer> e : hypCounts.entrySet()) {
        correct[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
      }
      total[n - 1] = Math.max(0, hyp.size() - n + 1);
      anyMatch |= correct[n - 1] > 0;
    }
    if (!anyMatch) {
      return 0;
    }
    double[] precisions = new double[ORDER];
    double smooth = 1;
    for (int n = 0; n < ORDER; n++) {
      if (total[n] == 0) {
        break;
      }
      if (correct[n] == 0) {
        smooth *= 2;
        precisions[n] = 100.0 / (smooth * total[n]);
      } else {
        precisions[n] = 100.0 * correct[n] / total[n];
      }
    }
    double brevity = 1;
    if (hyp.size() < ref.size()) {
      brevity = hyp.isEmpty() ? 0 : Math.exp(1 - (double) ref.size() / hyp.size());
    }
    double logSum = 0;
    for (double p : precisions) {
      logSum += p == 0 ? LOG_ZERO : Math.log(p);
    }
    return brevity * Math.exp(logSum / ORDER);
  }

  /** sacrebleu's 13a tokenization of one segment. */
  static List<String> tokenize(String text) {
    String line = rstrip(text).replace("<skipped>", "").replace("-\n", "")
        .replace("\n", " ");
    if (line.indexOf('&') >= 0) {
      line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<")
          .replace("&gt;", ">");
    }
    line = " " + line + " ";
    line = PUNCTUATION.matcher(line).replaceAll(" $1 ");
    line = PERIOD_AFTER.matcher(line).replaceAll("$1 $2 ");
    line = PERIOD_BEFORE.matcher(line).replaceAll(" $1 $2");
    line = DASH.matcher(line).replaceAll("$1 $2 ");
    return java.util.Arrays.stream(SPACES.split(line)).filter(t -> !t.isEmpty()).toList();
  }

  /** Python's {@code str.rstrip()}, in linear time. */
  private static String rstrip(String text) {
    int end = text.length();
    while (end > 0 && SPACES.matcher(text.substring(end - 1, end)).matches()) {
      end--;
    }
    return text.substring(0, end);
  }

  private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
    }
    return counts;
  }
}
