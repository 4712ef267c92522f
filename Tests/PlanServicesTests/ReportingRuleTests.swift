import Foundation
import PlanCore
import PlanServices
import PlanStore
import Testing

/// The rules that have one home in the services: how audit queries read their times, and what a
/// caller sees of a unit's figures before approval.
@Suite struct AuditFilterTests {
    @Test func daysCoverTheWholeDayAndInstantsAreComparedInUTC() throws {
        let day = try AuditFilter(since: "2026-03-01", until: "2026-03-01").query()
        #expect(day.since == "2026-03-01T00:00:00.000Z" && day.until == "2026-03-01T23:59:59.999Z")
        let instant = try AuditFilter(since: "2026-03-01T08:00:00+08:00", until: "2026-03-01T12:30:00Z").query()
        #expect(instant.since == "2026-03-01T00:00:00.000Z" && instant.until == "2026-03-01T12:30:00.000Z")
        let filter = AuditFilter(actor: " ", action: "submission.", unit: "370100")
        let query = try filter.query()
        #expect(query.actor == nil && query.action == "submission." && query.units == ["370100"])
    }

    @Test(arguments: ["2026-02-30", "yesterday", "2026-3-1", "1772352000"])
    func malformedTimesAreRefused(text: String) {
        #expect(throws: ServiceError.self) { try AuditFilter(until: text).query() }
        #expect(throws: ServiceError.self) { try AuditFilter(since: text).query() }
    }

    @Test func limitsAreBounded() {
        #expect(throws: ServiceError.self) { try AuditFilter(limit: 0).query() }
        #expect(throws: ServiceError.self) { try AuditFilter(limit: AuditFilter.maxLimit + 1).query() }
        #expect(throws: ServiceError.self) { try AuditFilter(offset: -1).query() }
    }

    @Test func theServiceFiltersByTheDayAsAsked() async throws {
        try await ServicesFixture.withServices { services in
            try await ServicesFixture.user(services, "jn.rep", .reporter, "370100")
            let today = String(Timestamp.string(Date()).prefix(10))
            let (entries, _) = try await services.reporting.audit(AuditFilter(until: today), identity: ServicesFixture.operatorIdentity)
            #expect(entries.map(\.action) == ["user.create"])
            await #expect(throws: ServiceError.notAuthenticated) { try await services.reporting.audit(AuditFilter(), identity: nil) }
        }
    }
}

@Suite struct DraftVisibilityTests {
    @Test func withoutTheRightToReadDraftsOnlyApprovedValuesAreSeen() async throws {
        try await ServicesFixture.withServices { services in
            let reporter = try await ServicesFixture.user(services, "jn.rep", .reporter, "370100")
            let viewer = try await ServicesFixture.user(services, "sd.view", .viewer, "370000")
            let row = ReportRow(line: 1, indicatorKey: "gdp", period: "2025", value: "13500", comment: "草稿说明")
            let actor = reporter.actor(ip: "t")
            let saved = try await services.reporting.save([row], unit: "370100", actor: actor, identity: reporter, reason: "", dryRun: false)
            #expect(saved.outcomes != nil)
            let own = try await services.reporting.periodData(unit: "370100", period: Period(year: 2025), identity: reporter)
            #expect(own.drafts && own.values.map(\.value) == [13500] && own.values.first?.comment == "草稿说明" && !own.revisions.isEmpty)
            let other = try await services.reporting.periodData(unit: "370100", period: Period(year: 2025), identity: viewer)
            #expect(!other.drafts && other.values.isEmpty && other.revisions.isEmpty)
            await #expect(throws: ServiceError.notAuthenticated) {
                try await services.reporting.periodData(unit: "370100", period: Period(year: 2025), identity: nil)
            }
        }
    }

    @Test func publishedShowsTheApprovedValueAndNothingSaidInDraft() {
        let value = ReportValue(
            unitCode: "370100", indicatorKey: "gdp", period: Period(year: 2025), value: 2, comment: "c", explanation: "e", flags: ["z_score"],
            approvedValue: 1, revision: 3, updatedBy: "u", updatedAt: "t")
        let published = DraftVisibility.published(value)
        #expect(published?.value == 1 && published?.comment == "" && published?.flags == [] && published?.revision == 0 && published?.updatedBy == "")
        #expect(DraftVisibility.published(ReportValue(unitCode: "370100", indicatorKey: "gdp", period: Period(year: 2025), value: 2)) == nil)
    }
}
