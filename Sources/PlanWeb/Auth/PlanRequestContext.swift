import Foundation
import Hummingbird
import NIOCore
import PlanServices
import PlanStore

/// The request context of every route: the core storage, the identity the authentication
/// middleware found, and the client's address.
public struct PlanRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// The peer's address as the server saw it (or as the trusted proxy reported it).
    public var remoteAddress: String
    /// Whether the request reached the server over HTTPS, as a proxy in front says with
    /// `X-Forwarded-Proto: https` (the server itself speaks plain HTTP).
    public var overHTTPS = false

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
    public static let maxUploadBytes = ReportingService.maxUploadBytes
    /// The largest form or JSON body of anything else.
    public static let maxFormBytes = 2 * 1024 * 1024
}

extension PlanRequestContext {
    /// The actor of an audited change made through this request.
    func actor(_ identity: Identity) -> Actor {
        identity.actor(ip: remoteAddress)
    }
}
