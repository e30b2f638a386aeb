package dev.ward.cyberseceval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What a run produced.
 *
 * @param stats the stats, keyed by model name
 * @param table the terminal table of the headline numbers
 * @param report the HTML report written
 * @param answers answers recorded (all models)
 * @param cacheHits answers and judgements served from the response cache
 * @param failedQueries queries that brought no answer after retries
 * @param failedJudgements records whose judge, scanner or scorer gave no verdict
 */
public record RunResult(ObjectNode stats, String table, Path report, int answers, long cacheHits,
    long failedQueries, long failedJudgements) {

  /** One line: how many answers, from the cache, failed. */
  public String summary() {
    return answers + " answers (" + cacheHits + " calls served from the cache), " + failedQueries
        + " failed queries, " + failedJudgements + " failed judgements";
  }
}
