package dev.ward.guard.model;

import static dev.ward.guard.model.TensorNames.*;

import dev.ward.guard.gguf.GgufException;
import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.gguf.GgufTensorInfo;
import dev.ward.guard.tensor.WeightMatrix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The weights of a Llama model, looked up by name and checked against the configuration: every
 * tensor must exist with the expected shape and a type Ward can compute with, and the file must
 * hold no tensor the model would ignore. Large matrices stay in the file mapping; the small norm
 * vectors (and rope factors) are read into float arrays.
 */
final class LlamaWeights {
  final WeightMatrix tokenEmbedding;
  final float[] outputNorm;
  /** {@code output.weight}, or the token embedding when the file ties them. */
  final WeightMatrix output;
  /** Llama 3.1 per-frequency divisors of the rotary embedding, or null. */
  final float[] ropeFreqs;
  final Layer[] layers;

  record Layer(float[] attnNorm, WeightMatrix q, WeightMatrix k, WeightMatrix v, WeightMatrix o,
      float[] ffnNorm, WeightMatrix gate, WeightMatrix up, WeightMatrix down) {
    /** The projections of the attention's input, multiplied in one loop. */
    WeightMatrix[] qkv() {
      return new WeightMatrix[] {q, k, v};
    }

    /** The projections of the feed-forward's input, multiplied in one loop. */
    WeightMatrix[] gateUp() {
      return new WeightMatrix[] {gate, up};
    }
  }

  private LlamaWeights(WeightMatrix tokenEmbedding, float[] outputNorm, WeightMatrix output,
      float[] ropeFreqs, Layer[] layers) {
    this.tokenEmbedding = tokenEmbedding;
    this.outputNorm = outputNorm;
    this.output = output;
    this.ropeFreqs = ropeFreqs;
    this.layers = layers;
  }

  static LlamaWeights load(GgufFile file, LlamaConfig c, int vocabulary) {
    Loader loader = new Loader(file);
    WeightMatrix embedding = loader.matrix(TOKEN_EMBEDDING, vocabulary, c.dim());
    float[] outputNorm = loader.vector(OUTPUT_NORM, c.dim());
    WeightMatrix output = file.tensor(OUTPUT).isPresent()
        ? loader.matrix(OUTPUT, vocabulary, c.dim()) : embedding;
    float[] ropeFreqs = file.tensor(ROPE_FREQS).isPresent()
        ? loader.ropeFactors(c.headDim() / 2) : null;
    Layer[] layers = new Layer[c.layers()];
    for (int i = 0; i < layers.length; i++) {
      layers[i] = new Layer(
          loader.vector(block(i, ATTN_NORM), c.dim()),
          loader.matrix(block(i, ATTN_Q), c.dim(), c.dim()),
          loader.matrix(block(i, ATTN_K), c.kvDim(), c.dim()),
          loader.matrix(block(i, ATTN_V), c.kvDim(), c.dim()),
          loader.matrix(block(i, ATTN_OUTPUT), c.dim(), c.dim()),
          loader.vector(block(i, FFN_NORM), c.dim()),
          loader.matrix(block(i, FFN_GATE), c.ffn(), c.dim()),
          loader.matrix(block(i, FFN_UP), c.ffn(), c.dim()),
          loader.matrix(block(i, FFN_DOWN), c.dim(), c.ffn()));
    }
    loader.checkAllUsed();
    return new LlamaWeights(embedding, outputNorm, output, ropeFreqs, layers);
  }

  /** Looks tensors up and remembers which were used. */
  private static final class Loader {
    private final GgufFile file;
    private final Set<String> used = new HashSet<>();

    Loader(GgufFile file) {
      this.file = file;
    }

    WeightMatrix matrix(String name, int rows, int cols) {
      GgufTensorInfo info = require(name);
      if (info.rank() != 2 || info.dim(0) != cols || info.dim(1) != rows) {
        throw wrongShape(info, "[" + cols + ", " + rows + "]");
      }
      if (!info.type().supported()) {
        throw new GgufException(file.source() + ": tensor '" + name + "' has type " + info.type()
            + ", which Ward cannot compute with; supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K");
      }
      return WeightMatrix.of(name, info.type(), rows, cols, unchecked(file.data(info)));
    }

    /**
     * A mapped tensor as a segment of the global scope, whose accesses the JVM does not check as
     * it checks those through the file's shared arena: Q4_K matrix-vector products over a
     * mapped file moved 13 GB/s through the arena's segments and 19 to 20 through these (two
     * threads), and an 8B model decoded 6 to 26% faster. Safe because {@link LlamaModel#close}
     * unmaps the file only once no forward pass runs ({@link LlamaModel#whileOpen}), and none
     * starts after. {@code reinterpret} is a restricted method: Ward runs with
     * {@code --enable-native-access}. In-memory images (tests) are used as they are.
     */
    @SuppressWarnings("restricted")
    private static MemorySegment unchecked(MemorySegment data) {
      return data.isNative() ? data.reinterpret(Arena.global(), null) : data;
    }

    float[] vector(String name, int length) {
      GgufTensorInfo info = require(name);
      if (info.rank() != 1 || info.dim(0) != length) {
        throw wrongShape(info, "[" + length + "]");
      }
      if (!info.type().supported()) {
        throw new GgufException(file.source() + ": tensor '" + name + "' has unsupported type "
            + info.type());
      }
      float[] values = WeightMatrix.of(name, info.type(), 1, length, file.data(info)).toFloats();
      for (int i = 0; i < values.length; i++) {
        if (!Float.isFinite(values[i])) {
          throw new GgufException(file.source() + ": tensor '" + name + "' holds " + values[i]
              + " at index " + i);
        }
      }
      return values;
    }

    float[] ropeFactors(int length) {
      float[] factors = vector(ROPE_FREQS, length);
      for (float f : factors) {
        if (!(f > 0)) {
          throw new GgufException(file.source() + ": tensor '" + ROPE_FREQS
              + "' holds a non-positive factor " + f);
        }
      }
      return factors;
    }

    private GgufTensorInfo require(String name) {
      used.add(name);
      return file.tensor(name).orElseThrow(() ->
          new GgufException(file.source() + ": tensor '" + name + "' is missing"));
    }

    private GgufException wrongShape(GgufTensorInfo info, String expected) {
      return new GgufException(file.source() + ": tensor '" + info.name()
          + "' has wrong shape; expected " + expected + ", got " + Arrays.toString(info.dims()));
    }

    void checkAllUsed() {
      List<String> extra = new ArrayList<>();
      for (GgufTensorInfo tensor : file.tensors()) {
        if (!used.contains(tensor.name())) {
          extra.add(tensor.name());
        }
      }
      if (!extra.isEmpty()) {
        throw new GgufException(file.source() + ": " + extra.size()
            + " tensors that a Llama model does not use, e.g. " + extra.subList(0, Math.min(3, extra.size()))
            + "; is this another architecture or a model with biases?");
      }
    }
  }
}
