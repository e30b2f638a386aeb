package dev.ward.guard.model;

/** The one table of GGUF tensor names for the Llama architecture (llama.cpp's llama-arch). */
final class TensorNames {
  static final String TOKEN_EMBEDDING = "token_embd.weight";
  static final String OUTPUT_NORM = "output_norm.weight";
  static final String OUTPUT = "output.weight";
  static final String ROPE_FREQS = "rope_freqs.weight";

  static final String ATTN_NORM = "attn_norm.weight";
  static final String ATTN_Q = "attn_q.weight";
  static final String ATTN_K = "attn_k.weight";
  static final String ATTN_V = "attn_v.weight";
  static final String ATTN_OUTPUT = "attn_output.weight";
  static final String FFN_NORM = "ffn_norm.weight";
  static final String FFN_GATE = "ffn_gate.weight";
  static final String FFN_UP = "ffn_up.weight";
  static final String FFN_DOWN = "ffn_down.weight";

  private TensorNames() {}

  static String block(int layer, String suffix) {
    return "blk." + layer + "." + suffix;
  }
}
