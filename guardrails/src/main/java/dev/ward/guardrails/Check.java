package dev.ward.guardrails;

/** Which check a {@link Decision} answers. */
public enum Check {
  /** The user's side of a conversation, before the model is called. */
  INPUT,
  /** The model's answer: Llama Guard on the response and Code Shield on its code. */
  OUTPUT,
  /** Code alone, in a known language (Code Shield only). */
  CODE
}
