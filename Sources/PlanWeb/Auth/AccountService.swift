import Foundation
import HummingbirdBcrypt
import PlanCore
import PlanStore

/// Logging in and out, passwords, API tokens and user administration, over the store. Every
/// change is audited in the same transaction; failed logins are audited too and throttle
/// further attempts.
public struct AccountService: Sendable {
    public let store: any PlanStore
    /// How long a session lasts.
    public static let sessionSeconds = 8 * 3600
    /// Failed logins allowed per user name (and, ten times as many, per address) in the window.
    public static let maxFailures = 5
    public static let failureWindowSeconds = 15 * 60

    public init(store: any PlanStore) {
        self.store = store
    }

    /// A new session: the secret for the cookie or bearer header, and the CSRF token.
    public struct NewSession: Sendable {
        public var token: String
        public var csrfToken: String
        public var account: UserAccount
        public var expiresAt: Date
    }

    /// Checks the password (refusing while throttled) and opens a session. Attempts for one user
    /// name run one at a time, so concurrent guesses are all counted.
    public func login(username: String, password: String, ip: String, channel: String) async throws -> NewSession {
        // Names longer than any valid one are failures too, recorded shortened.
        let name = String(username.prefix(64))
        return try await LoginGate.shared.serialized(name.lowercased()) {
            try await attempt(username: name, valid: username.count <= 64, password: String(password.prefix(1024)), ip: ip, channel: channel)
        }
    }

    private func attempt(username: String, valid: Bool, password: String, ip: String, channel: String) async throws -> NewSession {
        let now = Date()
        let since = Self.timestamp(now.addingTimeInterval(-Double(Self.failureWindowSeconds)))
        let failures = try await store.failedLogins(username: username, ip: ip, since: since)
        if failures.byName >= Self.maxFailures || failures.byAddress >= Self.maxFailures * 10 {
            throw WebError.tooManyRequests(retryAfter: Self.failureWindowSeconds)
        }
        let found = valid ? try await store.user(named: username) : nil
        let ok: Bool
        if let found, !found.account.disabled {
            ok = try await Credentials.verify(password, hash: found.passwordHash)
        } else {
            // Spend the same time on unknown or disabled accounts, so timing does not tell them apart.
            _ = try await Credentials.verify(password, hash: Self.decoyHash)
            ok = false
        }
        guard ok, let account = found?.account else {
            try await store.appendAudit([
                AuditEntry(
                    id: 0, at: Self.timestamp(now), actor: username, actorUnit: found?.account.unitCode ?? "", ip: ip, action: "login.failed",
                    unitCode: found?.account.unitCode ?? "", subject: username, before: "", after: "", detail: channel)
            ])
            throw WebError.forbidden(zh: "用户名或密码错误", en: "Wrong user name or password")
        }
        let token = Credentials.newSecret()
        let csrf = Credentials.newSecret()
        let expires = now.addingTimeInterval(Double(Self.sessionSeconds))
        let actor = Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: channel)
        try await store.createSession(
            tokenHash: Credentials.digest(token), username: account.username, csrfToken: csrf, expiresAt: Self.timestamp(expires), ip: ip,
            audit: AuditEntry(at: Self.timestamp(now), actor: actor, action: "login", unitCode: account.unitCode, subject: account.username, detail: channel))
        return NewSession(token: token, csrfToken: csrf, account: account, expiresAt: expires)
    }

    /// The identity of a session cookie or bearer secret (a session or an API token).
    public func identify(secret: String, channel: String) async throws -> Identity? {
        let digest = Credentials.digest(secret)
        if let (account, csrf) = try await store.session(tokenHash: digest, now: Self.timestamp(Date())) {
            return Identity(account: account, csrfToken: channel == "web" ? csrf : nil, sessionHash: digest, channel: channel)
        }
        if channel == "api", let account = try await store.apiTokenUser(tokenHash: digest) {
            return Identity(account: account, csrfToken: nil, sessionHash: nil, channel: "api")
        }
        return nil
    }

    public func logout(_ identity: Identity, ip: String) async throws {
        guard let hash = identity.sessionHash else { return }
        let account = identity.account
        try await store.deleteSession(
            tokenHash: hash,
            audit: AuditEntry(
                at: Self.timestamp(Date()), actor: Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: identity.channel),
                action: "logout", unitCode: account.unitCode, subject: account.username))
    }

    /// Changes one's own password after checking the current one; ends every session.
    public func changePassword(_ identity: Identity, current: String, new: String, ip: String) async throws {
        let account = identity.account
        guard let found = try await store.user(named: account.username), try await Credentials.verify(current, hash: found.passwordHash) else {
            throw WebError.forbidden(zh: "当前密码不正确", en: "The current password is wrong")
        }
        if let problem = Credentials.passwordProblem(new, username: account.username) {
            throw WebError.invalid(zh: problem.zh, en: problem.en, problems: [])
        }
        _ = try await store.updateUser(
            account.username, role: nil, unitCode: nil, disabled: nil, passwordHash: try await Credentials.hash(new),
            audit: AuditEntry(
                at: Self.timestamp(Date()), actor: Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: identity.channel),
                action: "password.change", unitCode: account.unitCode, subject: account.username))
    }

    /// A new API token for the user; the secret is returned once and stored only as a digest.
    public func createToken(_ identity: Identity, label: String, ip: String) async throws -> String {
        let account = identity.account
        let secret = "pt_" + Credentials.newSecret()
        try await store.createAPIToken(
            tokenHash: Credentials.digest(secret), username: account.username, label: label,
            audit: AuditEntry(
                at: Self.timestamp(Date()), actor: Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: identity.channel),
                action: "token.create", unitCode: account.unitCode, subject: account.username, detail: label))
        return secret
    }

    /// The user's API tokens.
    public func tokens(_ identity: Identity) async throws -> [APIToken] {
        try await store.apiTokens(username: identity.account.username)
    }

    /// Revokes one of the user's own API tokens; 404 when there is no such token.
    public func revokeToken(_ identity: Identity, id: String, ip: String) async throws {
        let account = identity.account
        let revoked = try await store.revokeAPIToken(
            username: account.username, id: id,
            audit: AuditEntry(
                at: Self.timestamp(Date()), actor: Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: identity.channel),
                action: "token.revoke", unitCode: account.unitCode, subject: account.username, detail: id))
        guard revoked else { throw WebError.notFound(what: "token \(id)") }
    }

    /// Creates a user (administrators; the command line acts as one).
    public func createUser(_ user: UserAccount, password: String, actor: Actor) async throws {
        guard Self.validUsername(user.username) else {
            throw WebError.invalid(zh: "用户名只能包含字母、数字、点、横线和下划线（2–64 个字符）", en: "User names are 2–64 letters, digits, dots, dashes or underscores", problems: [])
        }
        if let problem = Credentials.passwordProblem(password, username: user.username) {
            throw WebError.invalid(zh: problem.zh, en: problem.en, problems: [])
        }
        guard user.displayName.count <= 100 else {
            throw WebError.invalid(zh: "显示名称过长（上限 100 字）", en: "The display name is too long (at most 100 characters)", problems: [])
        }
        try await store.createUser(
            user, passwordHash: try await Credentials.hash(password),
            audit: AuditEntry(
                at: Self.timestamp(Date()), actor: actor, action: "user.create", unitCode: user.unitCode, subject: user.username,
                after: "role=\(user.role.rawValue) unit=\(user.unitCode)"))
    }

    /// Changes a user's role, unit, enabled state or password (administrators).
    public func updateUser(_ username: String, role: Role?, unitCode: String?, disabled: Bool?, password: String?, actor: Actor) async throws -> UserAccount {
        guard let (before, _) = try await store.user(named: username) else { throw AccountError.unknownUser(username) }
        if let password, let problem = Credentials.passwordProblem(password, username: username) {
            throw WebError.invalid(zh: problem.zh, en: problem.en, problems: [])
        }
        let hash: String? = if let password { try await Credentials.hash(password) } else { nil }
        var changes: [String] = []
        if let role { changes.append("role=\(role.rawValue)") }
        if let unitCode { changes.append("unit=\(unitCode)") }
        if let disabled { changes.append("disabled=\(disabled)") }
        if password != nil { changes.append("password reset") }
        let action = role != nil || unitCode != nil ? "user.role" : disabled != nil ? "user.disable" : "user.password"
        return try await store.updateUser(
            username, role: role, unitCode: unitCode, disabled: disabled, passwordHash: hash,
            audit: AuditEntry(
                at: Self.timestamp(Date()), actor: actor, action: action, unitCode: unitCode ?? before.unitCode, subject: username,
                before: "role=\(before.role.rawValue) unit=\(before.unitCode) disabled=\(before.disabled)", after: changes.joined(separator: " ")))
    }

    static func validUsername(_ name: String) -> Bool {
        (2...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }

    /// A bcrypt hash of a random string: verified against when the account does not exist.
    static let decoyHash = HashBox.decoy

    /// ISO 8601 in UTC to the millisecond, as the store writes times.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

private enum HashBox {
    static let decoy: String = Bcrypt.hash(Credentials.newSecret(), cost: Credentials.cost)
}
