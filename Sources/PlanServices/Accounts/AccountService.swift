import Foundation
import Metrics
import PlanCore
import PlanStore

/// Logging in and out, passwords, API tokens and user administration, over the store. Every
/// change is audited in the same transaction; failed logins are audited too and throttle
/// further attempts.
///
/// Throttling: five failed logins for one user name from one address in 15 minutes lock that
/// name out *from that address*, and fifty failures from one address lock the address out for
/// every name. A stranger's guesses therefore cannot lock the owner of a name out: from a clean
/// address the right password still works. A successful login from an address clears that
/// address's count for the name.
public struct AccountService: Sendable {
    public let store: any PlanStore
    public let clock: PlanClock
    /// The cost of new password hashes.
    public let passwordCost: UInt8
    /// How passwords are hashed and checked.
    let passwords: any PasswordHashing
    /// A hash of a random string, checked against when an account does not exist, so that timing
    /// does not tell unknown names apart.
    private let decoyHash: String
    /// How long a session lasts.
    public static let sessionSeconds = 8 * 3600
    /// Failed logins allowed per user name from one address (and, ten times as many, per
    /// address for any name) in the window.
    public static let maxFailures = 5
    public static let failureWindowSeconds = 15 * 60

    public init(store: any PlanStore, passwords: any PasswordHashing, clock: PlanClock = .system, passwordCost: UInt8 = 11) {
        self.store = store
        self.passwords = passwords
        self.clock = clock
        self.passwordCost = passwordCost
        decoyHash = passwords.hash(Credentials.newSecret(), cost: passwordCost)
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
        // Names longer than any valid one are failures too, recorded shortened; names with control
        // characters are failures recorded with those characters escaped (a NUL cannot be stored).
        let name = TextInput.visible(String(username.prefix(64)))
        let valid = username.count <= 64 && !TextInput.hasControlCharacters(username, multiline: false)
        return try await LoginGate.shared.serialized(name.lowercased(), store: store) {
            try await attempt(username: name, valid: valid, password: String(password.prefix(1024)), ip: ip, channel: channel)
        }
    }

    private func attempt(username: String, valid: Bool, password: String, ip: String, channel: String) async throws -> NewSession {
        let now = clock.now()
        let since = Self.timestamp(now.addingTimeInterval(-Double(Self.failureWindowSeconds)))
        let failures = try await store.failedLogins(username: username, ip: ip, since: since)
        if failures.byNameFromAddress >= Self.maxFailures || failures.byAddress >= Self.maxFailures * 10 {
            Counter(label: "plantrack_login_throttled_total").increment()
            throw ServiceError.throttled(retryAfter: Self.failureWindowSeconds)
        }
        let found = valid ? try await store.user(named: username) : nil
        let ok: Bool
        if let found, !found.account.disabled {
            ok = try await Credentials.verify(password, hash: found.passwordHash, with: passwords)
        } else {
            // Spend the same time on unknown or disabled accounts, so timing does not tell them apart.
            _ = try await Credentials.verify(password, hash: decoyHash, with: passwords)
            ok = false
        }
        guard ok, let account = found?.account else {
            try await store.appendAudit([
                AuditEntry(
                    id: 0, at: Self.timestamp(now), actor: username, actorUnit: found?.account.unitCode ?? "", ip: ip, action: "login.failed",
                    unitCode: found?.account.unitCode ?? "", subject: username, before: "", after: "", detail: channel)
            ])
            Counter(label: "plantrack_login_failures_total").increment()
            throw ServiceError.forbidden(zh: "用户名或密码错误", en: "Wrong user name or password")
        }
        let token = Credentials.newSecret()
        let csrf = Credentials.newSecret()
        let expires = now.addingTimeInterval(Double(Self.sessionSeconds))
        let actor = Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: channel)
        try await store.createSession(
            tokenHash: Credentials.digest(token), username: account.username, csrfToken: csrf, expiresAt: Self.timestamp(expires), ip: ip,
            audit: AuditEntry(
                at: Self.timestamp(now), actor: actor, action: "login", unitCode: account.unitCode, subject: account.username, detail: channel))
        return NewSession(token: token, csrfToken: csrf, account: account, expiresAt: expires)
    }

    /// The identity of a session cookie or bearer secret (a session or an API token).
    public func identify(secret: String, channel: String) async throws -> Identity? {
        let digest = Credentials.digest(secret)
        if let (account, csrf) = try await store.session(tokenHash: digest, now: Self.timestamp(clock.now())) {
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
                at: Self.timestamp(clock.now()),
                actor: Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: identity.channel),
                action: "logout", unitCode: account.unitCode, subject: account.username))
    }

    /// Changes one's own password after checking the current one; ends every session.
    public func changePassword(_ identity: Identity, current: String, new: String, ip: String) async throws {
        let account = identity.account
        guard let found = try await store.user(named: account.username),
            try await Credentials.verify(current, hash: found.passwordHash, with: passwords)
        else {
            throw ServiceError.forbidden(zh: "当前密码不正确", en: "The current password is wrong")
        }
        if let problem = PasswordPolicy.problem(new, username: account.username) {
            throw ServiceError.invalid(zh: problem.zh, en: problem.en, problems: [])
        }
        _ = try await store.updateUser(
            account.username, role: nil, unitCode: nil, disabled: nil,
            passwordHash: try await Credentials.hash(new, cost: passwordCost, with: passwords),
            audit: AuditEntry(
                at: Self.timestamp(clock.now()),
                actor: Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: identity.channel),
                action: "password.change", unitCode: account.unitCode, subject: account.username))
    }

    /// A new API token for the user; the secret is returned once and stored only as a digest.
    public func createToken(_ identity: Identity, label: String, ip: String) async throws -> String {
        try TextInput.check(["label": label])
        let account = identity.account
        let secret = "pt_" + Credentials.newSecret()
        try await store.createAPIToken(
            tokenHash: Credentials.digest(secret), username: account.username, label: label,
            audit: AuditEntry(
                at: Self.timestamp(clock.now()),
                actor: Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: identity.channel),
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
                at: Self.timestamp(clock.now()),
                actor: Actor(username: account.username, unitCode: account.unitCode, ip: ip, channel: identity.channel),
                action: "token.revoke", unitCode: account.unitCode, subject: account.username, detail: id))
        guard revoked else { throw ServiceError.notFound(what: "token \(id)") }
    }

    /// Every user, for those who may manage the users of the whole hierarchy.
    public func users(by identity: Identity) async throws -> [UserAccount] {
        let tree = UnitTree(try await store.units())
        try Self.authorizeAdministration(identity, unit: tree.root, tree: tree)
        return try await store.users()
    }

    /// Creates a user in a unit `identity` may manage users of (administrators; the command line
    /// acts as one).
    @discardableResult
    public func createUser(_ user: UserAccount, password: String, by identity: Identity, ip: String) async throws -> UserAccount {
        let tree = UnitTree(try await store.units())
        guard tree[user.unitCode] != nil else { throw ServiceError.badParameter(name: "unit", message: "unknown unit \(user.unitCode)") }
        try Self.authorizeAdministration(identity, unit: user.unitCode, tree: tree)
        try TextInput.check(["username": user.username, "display_name": user.displayName])
        guard Self.validUsername(user.username) else {
            throw ServiceError.invalid(
                zh: "用户名只能包含字母、数字、点、横线和下划线（2–64 个字符）", en: "User names are 2–64 letters, digits, dots, dashes or underscores", problems: [])
        }
        if let problem = PasswordPolicy.problem(password, username: user.username) {
            throw ServiceError.invalid(zh: problem.zh, en: problem.en, problems: [])
        }
        guard user.displayName.count <= 100 else {
            throw ServiceError.invalid(zh: "显示名称过长（上限 100 字）", en: "The display name is too long (at most 100 characters)", problems: [])
        }
        try await store.createUser(
            user, passwordHash: try await Credentials.hash(password, cost: passwordCost, with: passwords),
            audit: AuditEntry(
                at: Self.timestamp(clock.now()), actor: identity.actor(ip: ip), action: "user.create", unitCode: user.unitCode,
                subject: user.username,
                after: "role=\(user.role.rawValue) unit=\(user.unitCode)"))
        guard let created = try await store.user(named: user.username)?.account else { throw AccountError.unknownUser(user.username) }
        return created
    }

    /// Changes a user's role, unit, enabled state or password: `identity` must manage the users
    /// of the user's unit and of its new unit.
    public func updateUser(
        _ username: String, role: Role?, unitCode: String?, disabled: Bool?, password: String?, by identity: Identity, ip: String
    ) async throws -> UserAccount {
        let tree = UnitTree(try await store.units())
        try Self.authorizeAdministration(identity, unit: identity.account.unitCode, tree: tree)
        guard let (before, _) = try await store.user(named: username) else { throw AccountError.unknownUser(username) }
        try Self.authorizeAdministration(identity, unit: before.unitCode, tree: tree)
        if let unitCode {
            guard tree[unitCode] != nil else { throw ServiceError.badParameter(name: "unit", message: "unknown unit \(unitCode)") }
            try Self.authorizeAdministration(identity, unit: unitCode, tree: tree)
        }
        if let password, let problem = PasswordPolicy.problem(password, username: username) {
            throw ServiceError.invalid(zh: problem.zh, en: problem.en, problems: [])
        }
        let hash: String? = if let password { try await Credentials.hash(password, cost: passwordCost, with: passwords) } else { nil }
        var changes: [String] = []
        if let role { changes.append("role=\(role.rawValue)") }
        if let unitCode { changes.append("unit=\(unitCode)") }
        if let disabled { changes.append("disabled=\(disabled)") }
        if password != nil { changes.append("password reset") }
        let action = role != nil || unitCode != nil ? "user.role" : disabled != nil ? "user.disable" : "user.password"
        return try await store.updateUser(
            username, role: role, unitCode: unitCode, disabled: disabled, passwordHash: hash,
            audit: AuditEntry(
                at: Self.timestamp(clock.now()), actor: identity.actor(ip: ip), action: action, unitCode: unitCode ?? before.unitCode,
                subject: username,
                before: "role=\(before.role.rawValue) unit=\(before.unitCode) disabled=\(before.disabled)", after: changes.joined(separator: " ")))
    }

    /// User administration needs `.manageUsers` on the unit.
    static func authorizeAdministration(_ identity: Identity, unit: String, tree: UnitTree) throws {
        guard Access.allows(identity.account.role, userUnit: identity.account.unitCode, action: .manageUsers, unit: unit, tree: tree) else {
            throw ServiceError.notAllowed(ReportingAction.manageUsers.rawValue, unit: unit)
        }
    }

    static func validUsername(_ name: String) -> Bool {
        (2...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }

    /// `date` as stored.
    public static func timestamp(_ date: Date) -> String { Timestamp.string(date) }
}
