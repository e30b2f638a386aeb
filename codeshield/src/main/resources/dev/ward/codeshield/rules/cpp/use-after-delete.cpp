struct Node { Node *next; void visit(); };

void drop(Node *n) {
    delete n;
    // ruleid: cpp-use-after-delete
    n->visit();
}

void renew(Node *n) {
    delete n;
    n = new Node();
    // ok: cpp-use-after-delete
    n->visit();
}

void scratch() {
  // ruleid: cpp-delete-non-heap
  int counts[16];
  counts[0] = 1;
  delete[] counts;
  // ruleid: cpp-delete-non-heap
  Node local;
  local.visit();
  delete &local;
  // ruleid: cpp-delete-non-heap
  int total = 0;
  total += 1;
  delete &total;
  // ruleid: cpp-delete-non-heap
  char name[] = "scratch";
  delete[] name;
  Node *owned = new Node();
  // ok: cpp-delete-non-heap
  delete owned;
}

void member(Node &shared) {
  // ruleid: cpp-delete-non-heap
  delete &shared_node_;
  Node *owned = new Node();
  // ok: cpp-delete-non-heap
  delete owned;
}

void grow(std::vector<int> &v, std::map<int, int> &m) {
  for (auto &x : v) {
    if (x > 10) {
      // ruleid: cpp-iterator-invalidation
      v.push_back(x / 2);
    }
  }
  for (auto it = v.begin(); it != v.end(); ++it) {
    // ruleid: cpp-iterator-invalidation
    v.insert(v.begin(), *it);
  }
  for (std::map<int, int>::iterator it = m.begin(); it != m.end(); it++) {
    // ruleid: cpp-iterator-invalidation
    m.clear();
  }
  std::vector<int> extra;
  for (int x : v) {
    // ok: cpp-iterator-invalidation
    extra.push_back(x);
  }
  // ok: cpp-iterator-invalidation
  v.insert(v.end(), extra.begin(), extra.end());
  for (auto it = v.cbegin(), end = v.cend(); it != end; ++it) {
    // ruleid: cpp-iterator-invalidation
    v.emplace_back(*it + 1);
  }
  for (const auto &[key, value] : m)
    // ruleid: cpp-iterator-invalidation
    m.insert({key + 100, value});
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (*it == 0) {
      // ok: cpp-iterator-invalidation
      it = v.insert(it, -1);
      ++it;
    }
  }
  for (size_t i = 0; i < v.size(); ++i) {
    // ok: cpp-iterator-invalidation
    v.push_back(i);
  }
}
