const firebaseConfig = {
  // ruleid: generic-api-key
  apiKey: "AIzaSyB3ZvJDuZ2HD-UppgPvY2by-GI0KnessXw",
  // ok: generic-api-key
  authDomain: "example.firebaseapp.com",
};
// An example key in a comment does not count: AIzaSyB3ZvJDuZ2HD-UppgPvY2by-GI0KnessXw
