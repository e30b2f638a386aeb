/**
 * Internal: measurements behind {@code ward bench --facade}. Public for Ward's CLI, not part of
 * Ward's API.
 */
package dev.ward.guardrails.bench;
