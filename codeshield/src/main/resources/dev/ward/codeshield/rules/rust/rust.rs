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
    // ruleid: rust-untrusted-process-context
    let config = parse_args();
    // ok: rust-untrusted-process-context
    let listing = Command::new("ls").args(&["-l", "-a"]).output();
    // ok: rust-untrusted-process-context
    let home = env::var("HOME");
    // ruleid: rust-untrusted-process-context
    for arg in std::env::args().skip(1) {}
    // ok: rust-untrusted-process-context
    let flags = build_args(&config);
    // ok: rust-untrusted-process-context
    let extra = get_args();
    // ok: rust-untrusted-process-context
    let forwarded = cmd_args();
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
    // ok: rust-tls-verification-disabled
    let strict = reqwest::Client::builder().danger_accept_invalid_hostnames(false).build();
    // ruleid: rust-command-injection
    let proc = process::Command::new(p);
    // ruleid: rust-command-injection
    let child = tokio::process::Command::new(program_from(&args)).spawn();
    // ok: rust-command-injection
    let git = tokio::process::Command::new("git").arg("status").spawn();
    // ruleid: rust-command-injection
    let sh = Command::new("sh").arg("-c").arg(format!("tar xzf {}", path)).output();
    // ruleid: rust-command-injection
    let bash = Command::new("/bin/bash").args(["-c", &script]).status();
    // ok: rust-command-injection
    let fixed = Command::new("sh").arg("-c").arg("ls -l | wc -l").output();
    // ruleid: rust-untrusted-process-context
    let path = std::env::args_os().nth(1).expect("usage: git-toy PATH");
    // ruleid: rust-untrusted-process-context
    env::current_exe().ok().map(|mut path| { path.pop(); path });
    // ruleid: rust-weak-hash
    let mut digest = crypto::md5::Md5::new();
    // ruleid: rust-weak-hash
    let legacy = hash(MessageDigest::sha1(), data)?;
    // ok: rust-weak-hash
    let modern = hash(MessageDigest::sha256(), data)?;
    // ruleid: rust-legacy-cipher
    let cipher = Cipher::bf_cbc();
    // ruleid: rust-legacy-cipher
    let des = TdesEde3::new_from_slice(&key).unwrap();
    // ok: rust-legacy-cipher
    let aes = Cipher::aes_256_gcm();
}

fn tls(connector: &mut SslConnectorBuilder) {
    // ruleid: rust-tls-verification-disabled
    connector.set_verify(SslVerifyMode::NONE);
    // ruleid: rust-tls-verification-disabled
    ctx.set_verify(SSL_VERIFY_NONE);
    // ok: rust-tls-verification-disabled
    connector.set_verify(SslVerifyMode::PEER);
    // ruleid: rust-tls-verification-disabled
    let config = rustls::ClientConfig::builder().dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier));
}
