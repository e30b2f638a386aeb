#import <Foundation/Foundation.h>
#import <CommonCrypto/CommonCrypto.h>
#import <UIKit/UIKit.h>

// ruleid: objc-nscoding
@interface Session : NSObject <NSCoding>
@end

// ruleid: objc-nscoding
@interface Token : NSObject <NSCopying, NSCoding>
@end

// ok: objc-nscoding
@interface SafeToken : NSObject <NSSecureCoding>
@end

@implementation Store

- (void)save:(NSData *)secret {
    NSMutableDictionary *query = [NSMutableDictionary dictionary];
    // ruleid: objc-keychain-always-accessible
    [query setObject:(id)kSecAttrAccessibleAlways forKey:(id)kSecAttrAccessible];
    // ruleid: objc-keychain-always-accessible
    query[(id)kSecAttrAccessible] = (id)kSecAttrAccessibleAlwaysThisDeviceOnly;
    // ok: objc-keychain-always-accessible
    query[(id)kSecAttrAccessible] = (id)kSecAttrAccessibleWhenUnlocked;
    // ruleid: objc-file-protection-none
    NSDictionary *attributes = @{NSFileProtectionKey : NSFileProtectionNone};
    // ruleid: objc-file-protection-none
    [secret writeToFile:path options:NSDataWritingFileProtectionNone error:nil];
    // ok: objc-file-protection-none
    [secret writeToFile:path options:NSDataWritingFileProtectionComplete error:nil];
}

- (NSData *)digest:(NSData *)data {
    unsigned char digest[CC_SHA1_DIGEST_LENGTH];
    // ruleid: objc-weak-hash
    CC_SHA1(data.bytes, (CC_LONG)data.length, digest);
    // ruleid: objc-weak-hash
    CC_MD5(data.bytes, (CC_LONG)data.length, digest);
    // ok: objc-weak-hash
    CC_SHA256(data.bytes, (CC_LONG)data.length, digest);
    // CC_MD5 in a comment does not count
    return [NSData dataWithBytes:digest length:sizeof digest];
}

- (void)encrypt:(NSData *)plain key:(NSData *)key {
    size_t moved = 0;
    // ruleid: objc-broken-cipher, objc-ecb-mode
    CCCrypt(kCCEncrypt, CCAlgorithm(kCCAlgorithm3DES), CCOptions(kCCOptionECBMode), key.bytes, kCCKeySize3DES, NULL, plain.bytes, plain.length, out, outLength, &moved);
    // ok: objc-broken-cipher, objc-ecb-mode
    CCCrypt(kCCEncrypt, kCCAlgorithmAES, kCCOptionPKCS7Padding, key.bytes, kCCKeySizeAES256, iv, plain.bytes, plain.length, out, outLength, &moved);
}

- (void)show {
    // ruleid: objc-uiwebview
    UIWebView *web = [[UIWebView alloc] initWithFrame:CGRectMake(0.0, 0.0, 1.0, 1.0)];
    // ok: objc-uiwebview
    WKWebView *modern = [[WKWebView alloc] initWithFrame:CGRectZero];
}

- (void)connect:(CFReadStreamRef)readStream {
    NSDictionary *settings = [NSDictionary dictionaryWithObjectsAndKeys:
        // ruleid: objc-tls-validation-relaxed
        @YES, kCFStreamSSLAllowsAnyRoot,
        // ruleid: objc-tls-validation-relaxed
        [NSNumber numberWithBool:NO], kCFStreamSSLValidatesCertificateChain,
        // ok: objc-tls-validation-relaxed
        @"example.com", kCFStreamSSLPeerName,
        nil];
    // ruleid: objc-weak-tls-level
    CFReadStreamSetProperty(readStream, kCFStreamPropertySocketSecurityLevel, (NSString *)kCFStreamSocketSecurityLevelSSLv3);
    // ok: objc-weak-tls-level
    CFReadStreamSetProperty(readStream, kCFStreamPropertySocketSecurityLevel, kCFStreamSocketSecurityLevelNegotiatedSSL);
}

@end
