package dev.ward.codeshield.rule;

import dev.ward.codeshield.pattern.Match;

/** A rule's match in a scanned tree. */
public record RuleMatch(Rule rule, Match match) {}
