package dev.ward.modelserver;

import dev.ward.guard.sampling.Probabilities;

/**
 * A generated token and, when log-probabilities were asked for, the model's distribution at its
 * position (plain softmax of the logits, before temperature and filtering, as vLLM reports them).
 */
record TokenChoice(int token, Probabilities distribution) {}
