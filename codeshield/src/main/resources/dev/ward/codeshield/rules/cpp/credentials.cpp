#include <string>

void Connect(const std::string &host) {
  // ruleid: cpp-hardcoded-credential-constructor
  const std::string db_password("correct horse");
  // ruleid: cpp-hardcoded-credential-constructor
  std::string api_key{"sk-live-123"};
  // ok: cpp-hardcoded-credential-constructor
  std::string user("admin");
  // ok: cpp-hardcoded-credential-constructor
  std::string password(std::getenv("DB_PASSWORD"));
  Login(host, user, db_password, api_key, password);
}
