import Foundation
import Hummingbird
import NIOCore
import PlanStore

/// Who is making a request: the account, and how it proved it.
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
}

/// The request context of every route: the core storage, the identity the authentication
/// middleware found, and the client's address.
public struct PlanRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// The peer's address as the server saw it.
    public var remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Uploads (imports) may be larger than the default; the import routes apply their own limit.
    public var maxUploadSize: Int { WebLimits.maxUploadBytes }
}

/// Size limits on request bodies.
public enum WebLimits {
    /// The largest upload accepted (an import file, with its multipart envelope).
    public static let maxUploadBytes = 20 * 1024 * 1024
    /// The largest form or JSON body of anything else.
    public static let maxFormBytes = 2 * 1024 * 1024
}

extension PlanRequestContext {
    /// The actor of an audited change made through this request.
    func actor(_ identity: Identity) -> Actor {
        Actor(username: identity.account.username, unitCode: identity.account.unitCode, ip: remoteAddress, channel: identity.channel)
    }
}
