import Foundation
import PlanCore
import PlanServices
import PlanStore
import Testing

@Suite struct AccountServiceTests {
    @Test func guessesFromOneAddressDoNotLockTheOwnerOutElsewhere() async throws {
        try await ServicesFixture.withServices { services in
            try await ServicesFixture.user(services, "admin", .admin, "370000")
            for _ in 0..<AccountService.maxFailures {
                await #expect(throws: ServiceError.self) {
                    try await services.accounts.login(username: "admin", password: "wrong-password-1", ip: "203.0.113.9", channel: "web")
                }
            }
            // The attacker's address is now throttled for this name, even with the right password…
            await #expect(throws: ServiceError.throttled(retryAfter: AccountService.failureWindowSeconds)) {
                try await services.accounts.login(username: "admin", password: ServicesFixture.password, ip: "203.0.113.9", channel: "web")
            }
            // …while the owner, from a clean address, still logs in.
            let session = try await services.accounts.login(username: "admin", password: ServicesFixture.password, ip: "198.51.100.7", channel: "web")
            #expect(session.account.username == "admin")
        }
    }

    @Test func oneAddressGuessingManyNamesIsThrottledForAll() async throws {
        try await ServicesFixture.withServices { services in
            try await ServicesFixture.user(services, "jn.rep", .reporter, "370100")
            for i in 0..<(AccountService.maxFailures * 10) {
                _ = try? await services.accounts.login(username: "nobody\(i)", password: "wrong-password-1", ip: "203.0.113.10", channel: "api")
            }
            await #expect(throws: ServiceError.throttled(retryAfter: AccountService.failureWindowSeconds)) {
                try await services.accounts.login(username: "jn.rep", password: ServicesFixture.password, ip: "203.0.113.10", channel: "api")
            }
        }
    }

    @Test func aNameWithControlCharactersIsAFailedLoginThatIsAudited() async throws {
        try await ServicesFixture.withServices { services in
            await #expect(throws: ServiceError.self) {
                try await services.accounts.login(username: "ad\u{0}min\u{1B}[2J", password: "whatever-it-is", ip: "203.0.113.11", channel: "web")
            }
            let (entries, _) = try await services.store.audit(AuditQuery(action: "login.failed"))
            #expect(entries.map(\.subject) == ["ad\\u{0}min\\u{1B}[2J"])
        }
    }

    @Test func userAdministrationIsAuthorizedInTheService() async throws {
        try await ServicesFixture.withServices { services in
            let reviewer = try await ServicesFixture.user(services, "jn.rev", .reviewer, "370100")
            let office = try await ServicesFixture.user(services, "sd.office", .office, "370000")
            for who in [reviewer, office] {
                await #expect(throws: ServiceError.self) { try await services.accounts.users(by: who) }
                await #expect(throws: ServiceError.self) {
                    try await services.accounts.createUser(
                        UserAccount(username: "x.new", displayName: "x", unitCode: "370100", role: .admin), password: ServicesFixture.password,
                        by: who, ip: "t")
                }
                await #expect(throws: ServiceError.self) {
                    try await services.accounts.updateUser("jn.rev", role: .admin, unitCode: nil, disabled: nil, password: nil, by: who, ip: "t")
                }
            }
            #expect(try await services.accounts.users(by: ServicesFixture.operatorIdentity).count == 2)
        }
    }

    @Test(arguments: ["1234567890", "0987654321", "abcdefghij", "qwertyuiop", "password123", "aaaaaaaaaa", "short", "jn.rep.jn.rep"])
    func weakPasswordsAreRefused(password: String) {
        let username = password == "jn.rep.jn.rep" ? "jn.rep.jn.rep" : "jn.rep"
        #expect(PasswordPolicy.problem(password, username: username) != nil)
    }

    @Test func reasonablePasswordsPass() {
        for password in ["correct-horse-battery", "server-admin-password", "e2e-admin-Passw0rd", "黄河入海流-2025"] {
            #expect(PasswordPolicy.problem(password, username: "admin") == nil, "\(password)")
        }
        #expect(PasswordPolicy.problem("pass\u{0}word-long", username: "admin") != nil)
    }
}

@Suite struct ConfigurationTests {
    @Test func environmentOverridesDefaultsAndMalformedValuesAreRefused() throws {
        let c = try PlanConfiguration.fromEnvironment([
            "PLANTRACK_PORT": "9090", "PLANTRACK_BCRYPT_COST": "4", "PLANTRACK_TODAY": "2026-03-01", "PLANTRACK_TRUSTED_PROXY": "1",
        ])
        #expect(c.port == 9090 && c.bcryptCost == 4 && c.today == Day(year: 2026, month: 3, day: 1) && c.trustedProxy && !c.secureCookies)
        #expect(c.clock.today() == Day(year: 2026, month: 3, day: 1))
        #expect(try PlanConfiguration.fromEnvironment([:]) == PlanConfiguration())
        for (name, value) in [
            ("PLANTRACK_PORT", "http"), ("PLANTRACK_BCRYPT_COST", "40"), ("PLANTRACK_TODAY", "1.3.2026"), ("PLANTRACK_TEST_FAIL_POINT", "x"),
        ] {
            #expect(throws: ServiceError.self, "\(name)") { try PlanConfiguration.fromEnvironment([name: value]) }
        }
        #expect(try PlanConfiguration.fromEnvironment(["PLANTRACK_TEST_FAIL_POINT": "import.after-first-batch"]).failPoint == .importAfterFirstBatch)
        #expect(try PlanConfiguration.fromEnvironment(["PLANTRACK_SECURE_COOKIES": "true", "LOG_LEVEL": "WARNING"]).secureCookies)
        #expect(try PlanConfiguration.fromEnvironment(["LOG_LEVEL": "WARNING"]).logLevel == "warning")
        #expect(throws: ServiceError.self) { try PlanConfiguration.fromEnvironment(["PLANTRACK_SECURE_COOKIES": "sure"]) }
    }

    @Test func timestampsHaveOneForm() {
        let date = Date(timeIntervalSince1970: 1_772_352_000.5)
        #expect(PlanClock.timestamp(date) == "2026-03-01T08:00:00.500Z")
        #expect(Timestamp.date("2026-03-01T08:00:00.500Z") == date)
        #expect(Timestamp.date("2026-03-01T16:00:00+08:00") == Date(timeIntervalSince1970: 1_772_352_000))
    }
}

@Suite struct TextInputTests {
    @Test func controlCharactersAreRefusedButLineBreaksWhereTextSpansLines() throws {
        #expect(throws: ServiceError.self) { try TextInput.check(["label": "a\u{0}b"]) }
        #expect(throws: ServiceError.self) { try TextInput.check(["label": "a\u{1B}[31m"]) }
        #expect(throws: ServiceError.self) { try TextInput.check(["label": "a\u{85}"]) }
        #expect(throws: ServiceError.self) { try TextInput.check(["label": "line\nbreak"]) }
        try TextInput.check(["reason": "line\nbreak\tand tab"], multiline: ["reason"])
        try TextInput.check(["label": "山东 · ok"])
        #expect(TextInput.visible("a\u{0}\u{1B}b") == "a\\u{0}\\u{1B}b")
    }
}
