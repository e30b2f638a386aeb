#include <random>

int roll() {
  // ruleid: cpp-fixed-seed-engine
  std::mt19937 gen(42);
  // ruleid: cpp-fixed-seed-engine
  auto r = std::mt19937{}();
  // ruleid: cpp-fixed-seed-engine
  std::default_random_engine e(12345 /* seed */);
  // ruleid: cpp-fixed-seed-engine
  std::minstd_rand lcg{7u};
  // ok: cpp-fixed-seed-engine
  std::mt19937 good{std::random_device{}()};
  std::random_device rd;
  // ok: cpp-fixed-seed-engine
  std::mt19937_64 seeded(rd());
  std::uniform_int_distribution<int> dist(1, 6);
  return dist(gen) + static_cast<int>(r % 2) + dist(e) + dist(lcg) + dist(good) + dist(seeded);
}
