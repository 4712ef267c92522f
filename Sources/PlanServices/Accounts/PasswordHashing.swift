import Foundation

/// How passwords are hashed and checked. The application layer needs the operation, not a
/// particular library: the command line supplies bcrypt (`BcryptPasswords`) to the services it
/// builds and to the server it starts, and tests may supply a cheap stand-in.
public protocol PasswordHashing: Sendable {
    /// A new salted hash of `password` at `cost`.
    func hash(_ password: String, cost: UInt8) -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, hash: String) -> Bool
}
