/**
 * Ward as a library: {@link dev.ward.guardrails.Guardrails} checks an application's prompts and
 * answers with Llama Guard ({@link dev.ward.guardrails.Guard}, in process or on an inference
 * server) and Code Shield, and applies a {@link dev.ward.guardrails.GuardrailPolicy} to what they
 * find, returning a {@link dev.ward.guardrails.Decision}.
 */
package dev.ward.guardrails;
