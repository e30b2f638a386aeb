#include <cstdlib>
#include <vector>

int pick(const std::vector<int> &nodes, int i) {
  // ruleid: c-weak-random
  int pos = std::rand() % (nodes.size() - i) + i;
  // ruleid: c-weak-random
  bool coin = rand() & 1;
  // ok: c-weak-random
  std::srand(static_cast<unsigned>(pos));
  return coin ? nodes[pos] : 0;
}
