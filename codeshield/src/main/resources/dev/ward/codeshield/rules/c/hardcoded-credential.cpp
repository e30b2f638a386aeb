#include <array>
#include <random>
#include <string>

class Client {
 public:
  void Connect() {
    // ruleid: c-hardcoded-credential
    std::string password = "password";
    // ruleid: c-hardcoded-credential
    this->api_key = "sk-test-0000";
    // ok: c-hardcoded-credential
    std::string user = "admin";
    Login(user, password);
  }

  void Construct(const std::string &host) {
    // ruleid: c-hardcoded-credential
    const std::string db_password("correct horse");
    // ruleid: c-hardcoded-credential
    std::string api_key{"sk-live-123"};
    // ok: c-hardcoded-credential
    std::string user("admin");
    // ok: c-hardcoded-credential
    std::string password(std::getenv("DB_PASSWORD"));
    Login(host, user, db_password, api_key, password);
  }

  struct Settings { std::string host; std::string password; };
  void Defaults() {
    // ruleid: c-hardcoded-credential-initializer
    Settings local{.host = "db.local", .password = "s3cret"};
    // ok: c-hardcoded-credential-initializer
    Settings remote{.host = "db.example", .password = ReadPassword()};
    Login(local.host, remote.password);
  }

  void Encrypt() {
    // ruleid: c-fixed-nonce
    std::array<unsigned char, 12> nonce = {0};
    // ruleid: c-fixed-nonce
    std::string iv = "1234567890123456";
    // ok: c-fixed-nonce
    std::array<unsigned char, 12> nonce2 = NewNonce();
    Seal(nonce, iv);
  }

  int Roll() {
    // ruleid: c-fixed-seed
    std::srand(1234);
    // ruleid: c-fixed-seed
    const unsigned prng_seed = 7;
    // ok: c-fixed-seed
    std::srand(std::random_device{}());
    return std::rand() % 6;
  }

 private:
  std::string api_key;
};
