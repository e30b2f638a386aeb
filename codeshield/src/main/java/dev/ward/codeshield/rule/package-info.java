/**
 * Internal: rule loading and evaluation. Public for Ward's own modules and its CLI, not part of
 * Ward's API; it may change in any release. Applications use {@code dev.ward.guardrails} (see the
 * README).
 */
package dev.ward.codeshield.rule;
