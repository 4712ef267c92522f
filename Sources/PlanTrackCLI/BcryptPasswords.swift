import HummingbirdBcrypt
import PlanServices

/// Passwords hashed with bcrypt (hummingbird-auth's `HummingbirdBcrypt`): what the command line
/// gives the services it builds and the server it starts.
struct BcryptPasswords: PasswordHashing {
    func hash(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
