use std::env;
use std::process::Command;

fn main() {
    // ruleid: rust-unsafe-code
    unsafe {
        libc::getpid();
    }
    // ruleid: rust-untrusted-process-context
    let args: Vec<_> = env::args().collect();
    // ruleid: rust-untrusted-process-context
    let dir = env::temp_dir().join("site");
    // ok: rust-untrusted-process-context
    let home = env::var("HOME");
    // ruleid: rust-command-injection
    let cmd = Command::new(&args[1]).spawn();
    // ok: rust-command-injection
    let ls = Command::new("ls").arg(&args[1]).spawn();
    // ruleid: rust-weak-hash
    let mut mac = Hmac::new(Sha1::new(), &sbytes);
    // ok: rust-weak-hash
    let digest = Sha256::digest(b"x");
    // ruleid: rust-tls-verification-disabled
    let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build();
}
