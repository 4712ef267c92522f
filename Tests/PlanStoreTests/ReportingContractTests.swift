import Foundation
import PlanCatalog
import PlanCore
import PlanStore
import SQLKit
import Testing

/// The data-collection part of the storage contract (same serialized suite: the PostgreSQL runs
/// share one database).
extension StoreContractTests {
    static let actor = Actor(username: "rep", unitCode: "370100", ip: "127.0.0.1", channel: "api")
    static let always: @Sendable (Submission) throws -> SubmissionStatus = { _ in .draft }

    static func seeded(_ store: SQLPlanStore) async throws {
        try await store.seed(plan: Bundled.plan, observations: Bundled.observations)
        try await store.seedReporting(units: Bundled.reporting.units, schedule: Bundled.reporting.schedule, tolerances: Bundled.reporting.tolerances)
    }

    static func audit(_ action: String) -> AuditEntry {
        AuditEntry(at: "2026-11-29T00:00:00.000Z", actor: actor, action: action, unitCode: "370100", subject: "s")
    }

    static func count(_ store: SQLPlanStore, _ sql: String) async throws -> Int {
        try await store.provider.withDatabase { db in
            try await db.raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    @Test(arguments: StoreKind.available)
    func reportingSetupIsSeededOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            try await store.seedReporting(units: [], schedule: [], tolerances: [:])
            let units = try await store.units()
            #expect(units.count == 163 && units.first?.code == "370000")
            #expect(units.filter { $0.kind == .department }.count == 8 && units.filter { $0.kind == .enterprise }.count == 2)
            #expect(try await store.schedule(unit: nil).count == Bundled.reporting.schedule.count)
            #expect(
                try await store.schedule(unit: "370100").map(\.indicatorKey).sorted() == [
                    "gdp", "good_air_days_ratio", "grain_output", "new_and_renewable_capacity", "pm25", "resident_population",
                ])
            #expect(try await store.reconciliationTolerances()["gdp"] == 0.03)
        }
    }

    @Test(arguments: StoreKind.available)
    func accountsSessionsAndTokens(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let user = UserAccount(username: "rep", displayName: "济南填报员", unitCode: "370100", role: .reporter)
            try await store.createUser(user, passwordHash: "hash", audit: Self.audit("user.create"))
            await #expect(throws: AccountError.userExists("rep")) {
                try await store.createUser(user, passwordHash: "x", audit: Self.audit("user.create"))
            }
            var stray = user
            stray.username = "stray"
            stray.unitCode = "999999"
            await #expect(throws: AccountError.unknownUnit("999999")) {
                try await store.createUser(stray, passwordHash: "x", audit: Self.audit("user.create"))
            }
            #expect(try await store.user(named: "rep")?.passwordHash == "hash")
            #expect(try await store.user(named: "rep")?.account.displayName == "济南填报员")

            try await store.createSession(
                tokenHash: "s1", username: "rep", csrfToken: "c1", expiresAt: "2099-01-01T00:00:00.000Z", ip: "1.2.3.4", audit: Self.audit("login"))
            try await store.createSession(
                tokenHash: "s0", username: "rep", csrfToken: "c0", expiresAt: "2000-01-01T00:00:00.000Z", ip: "1.2.3.4", audit: Self.audit("login"))
            #expect(try await store.session(tokenHash: "s1", now: "2026-11-29T00:00:00.000Z")?.csrfToken == "c1")
            #expect(try await store.session(tokenHash: "s0", now: "2026-11-29T00:00:00.000Z") == nil, "expired")
            #expect(try await store.session(tokenHash: "nope", now: "2026-11-29T00:00:00.000Z") == nil)
            try await store.createAPIToken(tokenHash: "t1", username: "rep", label: "etl", audit: Self.audit("token.create"))
            #expect(try await store.apiTokenUser(tokenHash: "t1")?.username == "rep")

            let changed = try await store.updateUser(
                "rep", role: .reviewer, unitCode: nil, disabled: nil, passwordHash: nil, audit: Self.audit("user.role"))
            #expect(changed.role == .reviewer)
            #expect(try await store.session(tokenHash: "s1", now: "2026-11-29T00:00:00.000Z") == nil, "a role change ends the sessions")
            _ = try await store.updateUser("rep", role: nil, unitCode: nil, disabled: true, passwordHash: nil, audit: Self.audit("user.disable"))
            #expect(try await store.apiTokenUser(tokenHash: "t1") == nil, "a disabled user's tokens stop working")
            await #expect(throws: AccountError.unknownUser("ghost")) {
                try await store.updateUser("ghost", role: .viewer, unitCode: nil, disabled: nil, passwordHash: nil, audit: Self.audit("user.role"))
            }
            let actions = try await store.audit(AuditQuery(limit: 50)).entries.map(\.action)
            #expect(
                actions == ["user.disable", "user.role", "token.create", "login", "login", "user.create"],
                "every mutation is audited, newest first; failed ones are not")
        }
    }

    @Test(arguments: StoreKind.available)
    func savingRecordsOutcomesRevisionsAndAudit(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let p = Period(year: 2025)
            let first = [
                ValueChange(indicatorKey: "gdp", period: p, value: 13_500.5, comment: "公报"), ValueChange(indicatorKey: "pm25", period: p, value: 36),
            ]
            // A dry run reports outcomes and keeps nothing.
            #expect(
                try await store.saveValues(
                    unit: "370100", changes: first, actor: Self.actor, reason: "", dryRun: true, summary: nil, progress: nil, decide: Self.always)
                    == [.new, .new])
            #expect(try await store.reportValues(unit: "370100", period: nil).isEmpty)
            #expect(try await store.audit(AuditQuery()).total == 0)
            #expect(try await store.submission(unit: "370100", period: p).status == .empty)

            #expect(
                try await store.saveValues(
                    unit: "370100", changes: first, actor: Self.actor, reason: "", dryRun: false, summary: Self.audit("import"), progress: nil,
                    decide: Self.always) == [.new, .new])
            #expect(try await store.submission(unit: "370100", period: p).status == .draft)
            // The same values again change nothing.
            #expect(
                try await store.saveValues(
                    unit: "370100", changes: first, actor: Self.actor, reason: "", dryRun: false, summary: nil, progress: nil, decide: Self.always)
                    == [.unchanged, .unchanged])
            let second = [
                ValueChange(indicatorKey: "gdp", period: p, value: 13_600, comment: "公报修订"), ValueChange(indicatorKey: "pm25", period: p, value: 36),
            ]
            let heard = Heard()
            #expect(
                try await store.saveValues(
                    unit: "370100", changes: second, actor: Self.actor, reason: "修订", dryRun: false, summary: nil,
                    progress: { done, total in heard.add(done, total) }, decide: Self.always) == [.changed, .unchanged])
            #expect(heard.calls.last.map { $0 == (1, 1) } == true)
            let values = try await store.reportValues(unit: "370100", period: p)
            #expect(values.map(\.indicatorKey) == ["gdp", "pm25"] && values[0].value == 13_600 && values[0].revision == 2 && values[1].revision == 1)
            let revisions = try await store.revisions(unit: "370100", period: p)
            #expect(revisions.count == 3 && revisions.filter { $0.indicatorKey == "gdp" }.map(\.revision).sorted() == [1, 2])
            #expect(revisions.first { $0.revision == 2 }?.reason == "修订")
            let changes = try await store.audit(AuditQuery(action: "value.change")).entries
            #expect(changes.count == 3 && changes[0].before == "13500.5" && changes[0].after == "13600")
            #expect(try await store.audit(AuditQuery(action: "import")).entries.first?.after == "new=2 changed=0 unchanged=0")

            // A refusal by the workflow keeps nothing.
            let refuse: @Sendable (Submission) throws -> SubmissionStatus = { _ in throw WorkflowError.locked(period: "2025") }
            await #expect(throws: WorkflowError.locked(period: "2025")) {
                try await store.saveValues(
                    unit: "370100", changes: [ValueChange(indicatorKey: "gdp", period: p, value: 1)], actor: Self.actor, reason: "", dryRun: false,
                    summary: nil, progress: nil, decide: refuse)
            }
            #expect(try await store.reportValues(unit: "370100", period: p)[0].value == 13_600)
            #expect(try await store.revisions(unit: "370100", period: p).count == 3)
        }
    }

    @Test(arguments: StoreKind.available)
    func approvalPublishesTheFiguresAsObservations(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let p = Period(year: 2025)
            _ = try await store.saveValues(
                unit: "370100", changes: [ValueChange(indicatorKey: "gdp", period: p, value: 13_500.5, comment: "公报")], actor: Self.actor, reason: "",
                dryRun: false, summary: nil, progress: nil, decide: Self.always)
            let version = try await store.dataVersion()
            let submitted = try await store.transition(unit: "370100", period: p, actor: Self.actor, action: "submit") { s, values in
                Transition(
                    status: try Workflow.submit(
                        s, today: Day(year: 2026, month: 11, day: 29), lockDay: nil, valueCount: values.count, unexplained: []))
            }
            #expect(submitted.status == .submitted && submitted.submittedBy == "rep")
            #expect(try await store.dataVersion() == version, "submitting publishes nothing")
            #expect(
                try await store.observations(indicator: "gdp", region: "370100", offset: 0, limit: 100).items.contains { $0.observation.period == p }
                    == false)
            let reviewer = Actor(username: "rev", unitCode: "370100", ip: "127.0.0.1", channel: "web")
            let approved = try await store.transition(unit: "370100", period: p, actor: reviewer, action: "approve") { s, _ in
                Transition(status: try Workflow.approve(s, by: "rev"), publish: true)
            }
            #expect(approved.status == .approved && approved.reviewedBy == "rev" && approved.submittedBy == "rep")
            #expect(try await store.dataVersion() == version + 1)
            let published = try await store.observations(indicator: "gdp", region: "370100", offset: 0, limit: 100).items.first {
                $0.observation.period == p
            }
            #expect(published?.observation.value == 13_500.5 && published?.observation.provenance.source == "济南市填报，rev审核")
            #expect(try await store.reportValues(unit: "370100", period: p).first?.approvedValue == 13_500.5)
            let steps = try await store.audit(AuditQuery(action: "submission.")).entries.map { "\($0.action) \($0.before)→\($0.after)" }
            #expect(steps == ["submission.approve submitted→approved", "submission.submit draft→submitted", "submission.draft empty→draft"])
        }
    }

    @Test(arguments: StoreKind.available)
    func theAuditLogIsAppendOnly(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            try await store.appendAudit([Self.audit("login"), Self.audit("logout")])
            for statement in ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"] {
                await #expect(throws: (any Error).self, "\(statement)") {
                    try await store.provider.withDatabase { db in try await db.raw(SQLQueryString(statement)).run() }
                }
            }
            if kind == .postgres {
                await #expect(throws: (any Error).self) {
                    try await store.provider.withDatabase { db in try await db.raw("TRUNCATE audit_log").run() }
                }
            }
            #expect(try await store.audit(AuditQuery()).entries.map(\.actor) == ["rep", "rep"])
            #expect(try await store.failedLogins(username: "x", ip: "1.2.3.4", since: "2000-01-01").byNameFromAddress == 0)
        }
    }

    /// 153 units save, submit and get approved at once: every value, revision, audit entry and
    /// data-version step arrives exactly once. On PostgreSQL the writers use the pool's eight
    /// connections at once.
    @Test(arguments: StoreKind.available)
    func concurrentSubmissionsFromEveryRegionLoseNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let regions = Bundled.plan.regions.map(\.code)
            #expect(regions.count == 153)
            let keys = ["gdp", "resident_population", "grain_output", "new_and_renewable_capacity", "good_air_days_ratio", "pm25"]
            let p = Period(year: 2025)
            let versionBefore = try await store.dataVersion()
            func value(_ region: String, _ key: Int, round: Int) -> Double { Double(Int(region)! % 1000) + Double(key) / 10 + Double(round) * 1000 }
            for round in 0..<2 {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for region in regions {
                        group.addTask {
                            let actor = Actor(username: "rep-\(region)", unitCode: region, ip: "10.0.0.1", channel: "api")
                            let changes = keys.enumerated().map { i, k in
                                ValueChange(indicatorKey: k, period: p, value: value(region, i, round: round))
                            }
                            let outcomes = try await store.saveValues(
                                unit: region, changes: changes, actor: actor, reason: "", dryRun: false, summary: nil, progress: nil
                            ) { s in
                                s.status == .approved ? .submitted : .draft
                            }
                            #expect(outcomes == Array(repeating: round == 0 ? .new : .changed, count: keys.count))
                            if round == 0 {
                                _ = try await store.transition(unit: region, period: p, actor: actor, action: "submit") { _, values in
                                    #expect(values.count == keys.count)
                                    return Transition(status: .submitted)
                                }
                            }
                            let reviewer = Actor(username: "rev-\(region)", unitCode: region, ip: "10.0.0.2", channel: "api")
                            _ = try await store.transition(unit: region, period: p, actor: reviewer, action: "approve") { s, _ in
                                Transition(status: try Workflow.approve(s, by: reviewer.username), publish: true)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let n = regions.count * keys.count
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM report_values") == n)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM report_values WHERE revision = 2 AND approved_value = value") == n)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM value_revisions") == 2 * n)
            #expect(
                try await Self.count(
                    store, "SELECT COUNT(*) AS n FROM (SELECT DISTINCT unit_code, indicator_key, period, revision FROM value_revisions) d") == 2 * n)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'value.change'") == 2 * n)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'submission.approve'") == 2 * regions.count)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM submissions WHERE status = 'approved'") == regions.count)
            #expect(try await store.dataVersion() == versionBefore + 2 * regions.count, "each approval moves the version on exactly once")
            for region in regions {
                let stored = try await store.reportValues(unit: region, period: p)
                #expect(stored.map(\.value).sorted() == keys.indices.map { value(region, $0, round: 1) }.sorted(), "\(region)")
            }
            let published = try await store.observations().filter {
                $0.observation.period == p && regions.contains($0.observation.regionCode) && $0.observation.provenance.qualifier == "reported"
            }
            #expect(published.count == n)
        }
    }
}

/// Collects progress callbacks.
final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var calls: [(Int, Int)] = []

    func add(_ done: Int, _ total: Int) {
        lock.lock()
        calls.append((done, total))
        lock.unlock()
    }
}

extension StoreContractTests {
    /// Twenty saves of the same unit, indicator and period at once: each gets its own revision,
    /// none fails, and the stored value is the last revision's.
    @Test(arguments: StoreKind.available)
    func concurrentSavesOfTheSamePeriodAreOrdered(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let p = Period(year: 2025)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...20 {
                    group.addTask {
                        let outcomes = try await store.saveValues(
                            unit: "370100", changes: [ValueChange(indicatorKey: "gdp", period: p, value: Double(13_000 + i))], actor: Self.actor,
                            reason: "",
                            dryRun: false, summary: nil, progress: nil, decide: Self.always)
                        #expect(outcomes.count == 1 && outcomes[0] != .unchanged)
                    }
                }
                try await group.waitForAll()
            }
            let revisions = try await store.revisions(unit: "370100", period: p)
            #expect(revisions.map(\.revision).sorted() == Array(1...20))
            let stored = try #require(try await store.reportValues(unit: "370100", period: p).first)
            #expect(stored.revision == 20 && stored.value == revisions.first { $0.revision == 20 }?.value)
            #expect(try await store.audit(AuditQuery(action: "value.change", limit: 100)).total == 20)
        }
    }

    @Test(arguments: StoreKind.available)
    func tokensAreListedRevokedAndEndedByANewPassword(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            try await store.createUser(
                UserAccount(username: "rep", displayName: "r", unitCode: "370100", role: .reporter), passwordHash: "h",
                audit: Self.audit("user.create"))
            try await store.createAPIToken(tokenHash: "aaaaaaaaaaaa1111", username: "rep", label: "one", audit: Self.audit("token.create"))
            try await store.createAPIToken(tokenHash: "bbbbbbbbbbbb2222", username: "rep", label: "two", audit: Self.audit("token.create"))
            #expect(Set(try await store.apiTokens(username: "rep").map(\.id)) == ["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
            #expect(try await store.revokeAPIToken(username: "rep", id: "aaaaaaaaaaaa", audit: Self.audit("token.revoke")))
            #expect(
                try await store.revokeAPIToken(username: "rep", id: "aaaaaaaaaaaa", audit: Self.audit("token.revoke")) == false, "already revoked")
            #expect(
                try await store.revokeAPIToken(username: "other", id: "bbbbbbbbbbbb", audit: Self.audit("token.revoke")) == false,
                "not someone else's")
            #expect(try await store.revokeAPIToken(username: "rep", id: "%", audit: Self.audit("token.revoke")) == false)
            #expect(try await store.apiTokenUser(tokenHash: "aaaaaaaaaaaa1111") == nil)
            #expect(try await store.apiTokenUser(tokenHash: "bbbbbbbbbbbb2222")?.username == "rep")
            _ = try await store.updateUser("rep", role: nil, unitCode: nil, disabled: nil, passwordHash: "new", audit: Self.audit("user.password"))
            #expect(try await store.apiTokenUser(tokenHash: "bbbbbbbbbbbb2222") == nil, "a new password ends every token")
        }
    }
}
