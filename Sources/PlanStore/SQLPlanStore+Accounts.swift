import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    public func units() async throws -> [ReportingUnit] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM units ORDER BY position").all().map { row in
                ReportingUnit(
                    code: try row.decode(column: "code", as: String.self), nameZh: try row.decode(column: "name_zh", as: String.self),
                    nameEn: try row.decode(column: "name_en", as: String.self),
                    kind: ReportingUnit.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .region,
                    parentCode: try row.decode(column: "parent_code", as: String?.self),
                    regionCode: try row.decode(column: "region_code", as: String.self),
                    aliases: try row.decode(column: "aliases", as: String.self).split(separator: "|").map(String.init))
            }
        }
    }

    static func account(_ row: any SQLRow) throws -> UserAccount {
        UserAccount(
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            unitCode: try row.decode(column: "unit_code", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer,
            disabled: try row.decode(column: "disabled", as: Int.self) != 0,
            createdAt: try row.decode(column: "created_at", as: String.self))
    }

    public func createUser(_ user: UserAccount, passwordHash: String, audit: AuditEntry) async throws {
        try await provider.transaction { db in
            guard try await db.raw("SELECT code FROM units WHERE code = \(bind: user.unitCode)").first() != nil else {
                throw AccountError.unknownUnit(user.unitCode)
            }
            guard try await db.raw("SELECT username FROM users WHERE username = \(bind: user.username)").first() == nil else {
                throw AccountError.userExists(user.username)
            }
            let now = timestamp()
            try await db.raw(
                """
                INSERT INTO users (username, display_name, unit_code, role, password_hash, disabled, created_at, password_changed_at)
                VALUES (\(bind: user.username), \(bind: user.displayName), \(bind: user.unitCode), \(bind: user.role.rawValue),
                  \(bind: passwordHash), \(bind: user.disabled ? 1 : 0), \(bind: now), \(bind: now))
                """
            ).run()
            try await Self.insertAudit([audit], on: db)
        }
    }

    public func user(named username: String) async throws -> (account: UserAccount, passwordHash: String)? {
        try await provider.withDatabase { db in
            guard let row = try await db.raw("SELECT * FROM users WHERE username = \(bind: username)").first() else { return nil }
            return (try Self.account(row), try row.decode(column: "password_hash", as: String.self))
        }
    }

    public func users() async throws -> [UserAccount] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM users ORDER BY username").all().map(Self.account)
        }
    }

    public func updateUser(
        _ username: String, role: Role?, unitCode: String?, disabled: Bool?, passwordHash: String?, audit: AuditEntry
    ) async throws -> UserAccount {
        try await provider.transaction { db in
            guard try await db.raw("SELECT username FROM users WHERE username = \(bind: username)").first() != nil else {
                throw AccountError.unknownUser(username)
            }
            if let unitCode, try await db.raw("SELECT code FROM units WHERE code = \(bind: unitCode)").first() == nil {
                throw AccountError.unknownUnit(unitCode)
            }
            if let role { try await db.raw("UPDATE users SET role = \(bind: role.rawValue) WHERE username = \(bind: username)").run() }
            if let unitCode { try await db.raw("UPDATE users SET unit_code = \(bind: unitCode) WHERE username = \(bind: username)").run() }
            if let disabled { try await db.raw("UPDATE users SET disabled = \(bind: disabled ? 1 : 0) WHERE username = \(bind: username)").run() }
            if let passwordHash {
                try await db.raw(
                    "UPDATE users SET password_hash = \(bind: passwordHash), password_changed_at = \(bind: timestamp()) WHERE username = \(bind: username)"
                ).run()
            }
            if passwordHash != nil || disabled == true || role != nil || unitCode != nil {
                try await db.raw("DELETE FROM sessions WHERE username = \(bind: username)").run()
            }
            // A new password also ends the API tokens: one stolen with the old password stops working.
            if passwordHash != nil {
                try await db.raw("UPDATE api_tokens SET revoked = 1 WHERE username = \(bind: username)").run()
            }
            try await Self.insertAudit([audit], on: db)
            guard let row = try await db.raw("SELECT * FROM users WHERE username = \(bind: username)").first() else {
                throw AccountError.unknownUser(username)
            }
            return try Self.account(row)
        }
    }

    public func createSession(tokenHash: String, username: String, csrfToken: String, expiresAt: String, ip: String, audit: AuditEntry) async throws {
        try await provider.transaction { db in
            try await db.raw(
                """
                INSERT INTO sessions (token_hash, username, csrf_token, created_at, expires_at, ip)
                VALUES (\(bind: tokenHash), \(bind: username), \(bind: csrfToken), \(bind: timestamp()), \(bind: expiresAt), \(bind: ip))
                """
            ).run()
            try await db.raw("DELETE FROM sessions WHERE expires_at < \(bind: timestamp())").run()
            try await Self.insertAudit([audit], on: db)
        }
    }

    public func session(tokenHash: String, now: String) async throws -> (account: UserAccount, csrfToken: String)? {
        try await provider.withDatabase { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT u.*, s.csrf_token FROM sessions s JOIN users u ON u.username = s.username
                    WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: now) AND u.disabled = 0
                    """
                ).first()
            else { return nil }
            return (try Self.account(row), try row.decode(column: "csrf_token", as: String.self))
        }
    }

    public func deleteSession(tokenHash: String, audit: AuditEntry?) async throws {
        try await provider.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
            if let audit { try await Self.insertAudit([audit], on: db) }
        }
    }

    public func createAPIToken(tokenHash: String, username: String, label: String, audit: AuditEntry) async throws {
        try await provider.transaction { db in
            try await db.raw(
                """
                INSERT INTO api_tokens (token_hash, username, label, created_at, revoked)
                VALUES (\(bind: tokenHash), \(bind: username), \(bind: label), \(bind: timestamp()), 0)
                """
            ).run()
            try await Self.insertAudit([audit], on: db)
        }
    }

    public func apiTokens(username: String) async throws -> [APIToken] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM api_tokens WHERE username = \(bind: username) ORDER BY created_at DESC").all().map { row in
                APIToken(
                    id: String(try row.decode(column: "token_hash", as: String.self).prefix(12)),
                    label: try row.decode(column: "label", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: String.self), revoked: try row.decode(column: "revoked", as: Int.self) != 0)
            }
        }
    }

    public func revokeAPIToken(username: String, id: String, audit: AuditEntry) async throws -> Bool {
        guard id.count == 12, id.allSatisfy(\.isHexDigit) else { return false }
        return try await provider.transaction { db in
            let rows = try await db.raw(
                "UPDATE api_tokens SET revoked = 1 WHERE username = \(bind: username) AND revoked = 0 AND token_hash LIKE \(bind: id + "%") RETURNING token_hash"
            ).all()
            guard !rows.isEmpty else { return false }
            try await Self.insertAudit([audit], on: db)
            return true
        }
    }

    public func apiTokenUser(tokenHash: String) async throws -> UserAccount? {
        try await provider.withDatabase { db in
            try await db.raw(
                """
                SELECT u.* FROM api_tokens t JOIN users u ON u.username = t.username
                WHERE t.token_hash = \(bind: tokenHash) AND t.revoked = 0 AND u.disabled = 0
                """
            ).first().map(Self.account)
        }
    }
}
