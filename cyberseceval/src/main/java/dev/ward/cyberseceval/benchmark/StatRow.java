package dev.ward.cyberseceval.benchmark;

/**
 * One number of a benchmark's results, for tables and charts.
 *
 * @param group what it is about: a language, a category, an attack type, or "all"
 * @param model the model (key of the stats)
 * @param value the headline value, in the stats' own scale
 * @param count how many judged answers it rests on
 * @param failed answers that could not be judged (failed query, judge or scan)
 */
public record StatRow(String group, String model, double value, long count, long failed) {}
