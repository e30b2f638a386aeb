import CryptoKit

func fingerprint(data: Data) -> String {
    // ruleid: swift-weak-hash
    let digest = Insecure.MD5.hash(data: data)
    // ok: swift-weak-hash
    let strong = SHA256.hash(data: data)
    // ruleid: swift-weak-random
    srand48(42)
    // ok: swift-weak-random
    let die = Int.random(in: 1...6)
    return "\(digest)\(strong)\(die)"
}

// ruleid: swift-nscoding
class Person: NSObject, NSCoding {
    var name: String
    init(name: String) { self.name = name }
    required init?(coder: NSCoder) { name = coder.decodeObject(forKey: "name") as? String ?? "" }
    func encode(with coder: NSCoder) { coder.encode(name, forKey: "name") }
}

// ok: swift-nscoding
class Badge: NSObject, NSSecureCoding {
    static var supportsSecureCoding: Bool { true }
    required init?(coder: NSCoder) {}
    func encode(with coder: NSCoder) {}
}

final class Vault {
    // ruleid: swift-uiwebview
    var webView: UIWebView!
    // ok: swift-uiwebview
    var modern: WKWebView!

    func store(secret: Data, url: URL) throws {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            // ruleid: swift-keychain-always-accessible
            kSecAttrAccessible as String: kSecAttrAccessibleAlways,
            kSecValueData as String: secret,
        ]
        SecItemAdd(query as CFDictionary, nil)
        // ruleid: swift-file-protection-none
        let attributes: [FileAttributeKey: Any] = [.protectionKey: FileProtectionType.none]
        // ruleid: swift-file-protection-none
        try secret.write(to: url, options: .noFileProtection)
        // ok: swift-file-protection-none
        try secret.write(to: url, options: .completeFileProtection)
        try FileManager.default.setAttributes(attributes, ofItemAtPath: url.path)
    }

    func legacyDigest(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(CC_SHA1_DIGEST_LENGTH))
        data.withUnsafeBytes { buffer in
            // ruleid: swift-weak-hash
            _ = CC_SHA1(buffer.baseAddress, CC_LONG(data.count), &digest)
        }
        return digest
    }

    func encrypt(_ data: Data, key: Data) {
        var moved = 0
        // ruleid: swift-broken-cipher, swift-ecb-mode
        CCCrypt(CCOperation(kCCEncrypt), CCAlgorithm(kCCAlgorithm3DES), CCOptions(kCCOptionECBMode), key.bytes, key.count, nil, data.bytes, data.count, &out, out.count, &moved)
        // ok: swift-broken-cipher, swift-ecb-mode
        let sealed = try? AES.GCM.seal(data, using: SymmetricKey(data: key))
    }

    func open(readStream: CFReadStream) {
        var settings = [String: Any]()
        // ruleid: swift-tls-validation-relaxed
        settings[kCFStreamSSLAllowsAnyRoot as String] = NSNumber(value: true)
        // ruleid: swift-tls-validation-relaxed
        settings[kCFStreamSSLValidatesCertificateChain as String] = NSNumber(value: false)
        // ok: swift-tls-validation-relaxed
        settings[kCFStreamSSLValidatesCertificateChain as String] = NSNumber(value: true)
        // ruleid: swift-weak-tls-level
        CFReadStreamSetProperty(readStream, CFStreamPropertyKey(rawValue: kCFStreamPropertySocketSecurityLevel), kCFStreamSocketSecurityLevelSSLv3)
        // ok: swift-weak-tls-level
        CFReadStreamSetProperty(readStream, CFStreamPropertyKey(rawValue: kCFStreamPropertySocketSecurityLevel), kCFStreamSocketSecurityLevelNegotiatedSSL)
    }
}
