import Foundation
import PlanCore
import PlanStore

/// Who is asking a service for something: the account, and how it proved it.
public struct Identity: Sendable {
    public var account: UserAccount
    /// The session's CSRF token (cookie sessions only; bearer requests need none).
    public var csrfToken: String?
    /// The hash of the session token, for logging out.
    public var sessionHash: String?
    /// `web` for a browser session, `api` for a bearer token, `cli` for the command line.
    public var channel: String

    public init(account: UserAccount, csrfToken: String?, sessionHash: String?, channel: String) {
        self.account = account
        self.csrfToken = csrfToken
        self.sessionHash = sessionHash
        self.channel = channel
    }

    /// The actor of a change this identity makes from `ip`.
    public func actor(ip: String) -> Actor {
        Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: channel)
    }
}
