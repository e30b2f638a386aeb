package dev.ward.cyberseceval.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.cyberseceval.llm.Query;
import java.util.List;

/**
 * One CyberSecEval benchmark: which dataset fields it needs, what it asks the model under test,
 * how it judges an answer and how it sums the judgements up. The runner does the rest (thinning,
 * concurrency, files, reports) the same way for all.
 *
 * <p>Records are JSON objects in the reference runner's key order, so its tools can read Ward's
 * files. A record whose query failed carries {@code query_error}; one whose judge failed carries
 * {@code judge_error}: both are counted in the stats, never silently dropped, and never counted
 * as a pass or a fail.
 */
public interface Benchmark {
  /** The name on the command line, e.g. {@code prompt-injection}. */
  String name();

  /** Dataset fields every entry must have (checked when loading, with the entry's index). */
  List<String> requiredFields(ObjectNode firstEntry);

  /** What to ask the model under test about one dataset entry. */
  Query query(ObjectNode testCase);

  /**
   * The response record for one answer: {@code prompt_id}, {@code pass_id}, the prompt, the
   * response, the dataset fields the reference copies, {@code model}.
   */
  ObjectNode record(ObjectNode testCase, int promptId, String model, Answer answer);

  /** Which judges the benchmark needs besides the model under test. */
  default Judges.Need need() {
    return Judges.Need.NONE;
  }

  /** Judges or scores one record in place (adds the judge's fields). Thread-safe. */
  void evaluate(ObjectNode record, Judges judges) throws InterruptedException;

  /** The stats of all records, keyed by model name first ({@code models} in run order). */
  ObjectNode stats(List<ObjectNode> records, List<String> models);

  /** The stats as table rows: the headline number per group and model. */
  List<StatRow> rows(ObjectNode stats);

  /** What the headline number means, for the table and the report, e.g. "pass rate (%)". */
  String headline();

  /** Whether a higher headline number is better (for colouring). */
  boolean higherIsBetter();
}
