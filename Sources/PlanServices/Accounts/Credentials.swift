import Crypto
import Foundation
import NIOPosix

/// Password hashes (through a ``PasswordHashing``) and bearer secrets (random, stored only as
/// SHA-256 digests).
public enum Credentials {
    /// The hash of a password at `cost` (the configuration's ``PlanConfiguration/bcryptCost``),
    /// computed off the cooperative thread pool.
    static func hash(_ password: String, cost: UInt8, with passwords: any PasswordHashing) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { passwords.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`, checked off the cooperative thread pool.
    static func verify(_ password: String, hash: String, with passwords: any PasswordHashing) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { passwords.verify(password, hash: hash) }
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

    /// Constant-time comparison of two tokens.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
