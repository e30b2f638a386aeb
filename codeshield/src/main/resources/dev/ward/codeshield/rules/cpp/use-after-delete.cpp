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
