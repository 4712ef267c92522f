import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Passwords (bcrypt) and bearer secrets (random, stored only as SHA-256 digests).
public enum Credentials {
    /// The bcrypt cost: `PLANTRACK_BCRYPT_COST` (4–16), 11 by default (about 0.1 s per check on
    /// one core here); tests use 4.
    public static let cost: UInt8 = {
        if let text = ProcessInfo.processInfo.environment["PLANTRACK_BCRYPT_COST"], let n = UInt8(text), (4...16).contains(n) { return n }
        return 11
    }()

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    /// The bcrypt hash of a password, computed off the cooperative thread pool.
    public static func hash(_ password: String) async throws -> String {
        let cost = Self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`, checked off the cooperative thread pool.
    public static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A new 256-bit secret as 64 hex digits.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The stored form of a secret.
    public static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a password is acceptable: long enough and not only one kind of character.
    public static func passwordProblem(_ password: String, username: String) -> (zh: String, en: String)? {
        if password.count < minimumPasswordLength {
            return ("密码至少 \(minimumPasswordLength) 个字符", "The password needs at least \(minimumPasswordLength) characters")
        }
        if password.lowercased() == username.lowercased() { return ("密码不能与用户名相同", "The password cannot be the user name") }
        if Set(password).count < 4 { return ("密码过于简单", "The password is too simple") }
        return nil
    }

    /// Constant-time comparison of two tokens.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
