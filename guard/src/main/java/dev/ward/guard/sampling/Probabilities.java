package dev.ward.guard.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The plain softmax of next-token logits (temperature 1, no filtering), computed in double over
 * the whole vocabulary, as the reference files and the Llama Guard score define probabilities.
 */
public final class Probabilities {
  private final double[] p;

  public Probabilities(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
  }

  public double of(int token) {
    return p[token];
  }

  /** The most probable token; the lowest id among ties. */
  public int argmax() {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The {@code n} most probable tokens as {@code [id, p]} pairs, most probable first. */
  public List<List<Number>> top(int n) {
    PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) ->
        p[a] != p[b] ? Double.compare(p[a], p[b]) : Integer.compare(b, a));
    for (int i = 0; i < p.length; i++) {
      heap.add(i);
      if (heap.size() > n) {
        heap.poll();
      }
    }
    List<List<Number>> top = new ArrayList<>();
    while (!heap.isEmpty()) {
      int id = heap.poll();
      top.addFirst(List.of(id, p[id]));
    }
    return top;
  }
}
