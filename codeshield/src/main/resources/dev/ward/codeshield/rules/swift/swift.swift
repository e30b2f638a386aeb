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
