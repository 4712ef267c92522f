import Foundation
import PlanCore
import PlanServices
import PlanStore
import Testing

/// The library's service over a real store: who may do what, line-level problems that keep
/// nothing, the whole loop from a window to a fed indicator, alerts, orders and adjustments.
struct ProjectServiceTests {
    static let header = "项目代码,项目名称,项目单位,申报单位,所属领域,对应条款,服务目标,总投资（万元）,年度计划投资（万元）,计划开工,计划竣工,申报类别,建设内容及规模\n"
    static func row(_ serial: Int, unit: String = "济南市", total: String = "120000", start: String = "2025-01-01", tier: String = "年度计划") -> String {
        "2026-370102-44-01-\(String(format: "%06d", serial)),项目\(serial),公司\(serial),\(unit),高端装备,37,A037-1,\(total),40000,\(start),2027-12-31,\(tier),内容\(serial)\n"
    }
    static func actor(_ i: Identity) -> Actor { Actor(username: i.account.username, unitCode: i.account.unitCode, ip: "test", channel: "test") }
    static func csv(_ text: String) -> Data { Data(text.utf8) }

    struct People {
        let office, jn, qd, rev, jnrev: Identity
    }

    static func people(_ s: Services) async throws -> People {
        People(
            office: try await ServicesFixture.user(s, "office", .office, "370000"), jn: try await ServicesFixture.user(s, "jn", .reporter, "370100"),
            qd: try await ServicesFixture.user(s, "qd", .reporter, "370200"), rev: try await ServicesFixture.user(s, "rev", .reviewer, "370000"),
            jnrev: try await ServicesFixture.user(s, "jnrev", .reviewer, "370100"))
    }

    /// Three Jinan projects declared for 2026, scored, two admitted, the list published.
    static func published(_ s: Services, _ u: People) async throws {
        _ = try await s.projects.openWindow(
            year: 2026, opens: "2026-11-01", closes: "2026-12-31", criteria: "绿色低碳", identity: u.office, actor: actor(u.office))
        let result = try await s.projects.importDeclarations(
            csv(header + row(1) + row(2) + row(3, tier: "储备")), year: 2026, sheet: nil, fileName: "a.csv", identity: u.jn, actor: actor(u.jn),
            dryRun: false)
        #expect(result.outcomes == [.new, .new, .new], "\(result.rows.flatMap(\.problems))")
        try await s.projects.review("2026-370102-44-01-000001", score: "90", comment: "好", identity: u.rev, actor: actor(u.rev))
        try await s.projects.admit(
            year: 2026, codes: ["2026-370102-44-01-000001", "2026-370102-44-01-000002"], rejectOthers: true, reason: "", identity: u.office,
            actor: actor(u.office))
        try await s.projects.publish(year: 2026, identity: u.office, actor: actor(u.office))
    }

    @Test func declarationsAreCheckedLineByLineAndKeepNothingWhenAnyIsWrong() async throws {
        try await ServicesFixture.withServices { s in
            let u = try await Self.people(s)
            await #expect(throws: ServiceError.self, "only the office opens windows") {
                _ = try await s.projects.openWindow(
                    year: 2026, opens: "2026-11-01", closes: "2026-12-31", criteria: "x", identity: u.jn, actor: Self.actor(u.jn))
            }
            await #expect(throws: ServiceError.self, "no window, no declaration") {
                _ = try await s.projects.importDeclarations(
                    Self.csv(Self.header + Self.row(1)), year: 2026, sheet: nil, fileName: "a.csv", identity: u.jn, actor: Self.actor(u.jn),
                    dryRun: false)
            }
            _ = try await s.projects.openWindow(
                year: 2026, opens: "2026-11-01", closes: "2026-12-31", criteria: "绿色低碳", identity: u.office, actor: Self.actor(u.office))
            let bad =
                Self.header + Self.row(1) + "2026-999999-44-01-000002,x,y,济南市,高端装备,37,,1,1,2026-01-01,2026-12-31,,z\n" + Self.row(3, total: "十万")
                + Self.row(1) + Self.row(4, start: "2028-01-01") + Self.row(5, unit: "青岛市")
            let result = try await s.projects.importDeclarations(
                Self.csv(bad), year: 2026, sheet: nil, fileName: "bad.csv", identity: u.jn, actor: Self.actor(u.jn), dryRun: false)
            #expect(result.outcomes == nil)
            let lines = Dictionary(grouping: result.rows.flatMap(\.problems), by: \.line).mapValues { $0.map(\.messageZh).joined() }
            #expect(lines[2] == nil && lines[3]?.contains("999999") == true && lines[4]?.contains("总投资") == true)
            #expect(lines[5]?.contains("重复") == true && lines[6]?.contains("竣工早于") == true && lines[7]?.contains("本单位") == true, "\(lines)")
            #expect(try await s.store.projects().isEmpty)
            let dry = try await s.projects.importDeclarations(
                Self.csv(Self.header + Self.row(1)), year: 2026, sheet: nil, fileName: "a.csv", identity: u.jn, actor: Self.actor(u.jn), dryRun: true)
            let kept = try await s.store.projects()
            #expect(dry.outcomes == [.new] && kept.isEmpty)
        }
    }

    @Test func theLoopFromAWindowToAFedIndicator() async throws {
        try await ServicesFixture.withServices { s in
            let u = try await Self.people(s)
            #expect(try await s.projects.projects(.init(), identity: nil).isEmpty)
            try await Self.published(s, u)
            let code = "2026-370102-44-01-000001"
            // Scoring is closed once decided; the unit cannot score its own.
            await #expect(throws: ServiceError.self) {
                try await s.projects.review(code, score: "80", comment: "", identity: u.jnrev, actor: Self.actor(u.jnrev))
            }
            let visible = try await s.projects.projects(.init(), identity: nil).map(\.project.code)
            #expect(Set(visible) == [code, "2026-370102-44-01-000002"])
            #expect(try await s.projects.projects(.init(), identity: u.jn).count == 3, "Jinan also sees the one not selected")

            // Two months reported (the one before is late); Qingdao cannot report for Jinan.
            let refused = try await s.projects.report(
                ["code": code, "month": "2026-10", "investmentMonth": "1000", "investmentToDate": "5000", "progress": "10"], identity: u.qd,
                actor: Self.actor(u.qd))
            #expect(refused.outcomes == nil && refused.rows[0].problems[0].messageZh.contains("无权"))
            for (month, monthly, toDate, problem) in [("2026-09", "1000", "5000", ""), ("2026-10", "1200", "6200", "用地指标未落实")] {
                let r = try await s.projects.report(
                    [
                        "code": code, "month": month, "investmentMonth": monthly, "investmentToDate": toDate, "progress": "10", "milestones": "用地手续",
                        "problem": problem, "help": problem.isEmpty ? "" : "请省里协调",
                    ],
                    identity: u.jn, actor: Self.actor(u.jn))
                #expect(r.outcomes == [.new], "\(r.rows.flatMap(\.problems))")
            }
            let reports = try await s.projects.reports(code, identity: u.jn)
            #expect(reports.map(\.investmentYear) == [2200, 1000], "the year's total adds this month to the last")
            // A month's file (over 50 projects) reads the year's earlier months to add to: the same total.
            let file =
                "项目代码,月份,本月完成投资（万元）,累计完成投资（万元）,形象进度（%）\n\(code),2026-10,1200,6200,10\n"
                + (1...50).map { "2026-370102-44-01-9\(String(format: "%05d", $0)),2026-10,1,1,1\n" }.joined()
            let bulk = try await s.projects.importReports(
                Self.csv(file), sheet: nil, fileName: "m.csv", identity: u.jn, actor: Self.actor(u.jn), dryRun: true)
            #expect(
                bulk.outcomes == nil && bulk.rows[0].resolved?.report.investmentYear == 2200, "the unknown codes are refused, the known row resolved")
            #expect(try await s.projects.reports(code, identity: nil).isEmpty, "the public sees approved reports only")

            let alerts = try await s.supervision.allAlerts().filter { $0.kind == .projectReportOverdue }
            #expect(
                Set(alerts.map(\.subject)) == [
                    "\(code) 2026-08", "2026-370102-44-01-000002 2026-08", "2026-370102-44-01-000002 2026-09", "2026-370102-44-01-000002 2026-10",
                ])

            // Approval feeds the investment indicator, month by month.
            await #expect(throws: ServiceError.self) {
                _ = try await s.projects.reviewReports(
                    [ProjectReportKey(code: code, month: Period("2026-09")!)], approve: true, note: "", identity: u.jn, actor: Self.actor(u.jn))
            }
            _ = try await s.projects.reviewReports(
                [ProjectReportKey(code: code, month: Period("2026-09")!)], approve: true, note: "", identity: u.jnrev, actor: Self.actor(u.jnrev))
            func fed() async throws -> [String: Double] {
                Dictionary(
                    try await s.store.observations(indicator: "key_project_investment", region: nil, offset: 0, limit: 100).items.map {
                        ("\($0.observation.regionCode) \($0.observation.period)", $0.observation.value)
                    }, uniquingKeysWith: { a, _ in a })
            }
            #expect(try await fed() == ["370000 2026": 0.1, "370100 2026": 0.1])
            _ = try await s.projects.reviewReports(
                [ProjectReportKey(code: code, month: Period("2026-10")!)], approve: true, note: "", identity: u.office, actor: Self.actor(u.office))
            #expect(try await fed() == ["370000 2026": 0.22, "370100 2026": 0.22])
            let count = try await s.store.observations(indicator: "provincial_key_projects", region: "370000", offset: 0, limit: 10).items
            #expect(count.map(\.observation.value) == [2], "the year's list counts towards A037-1")
            let source = try await s.store.observations(indicator: "key_project_investment", region: "370000", offset: 0, limit: 10).items[0]
                .observation.provenance
            #expect(source.link == "/projects/feeds/key_project_investment/370000/2026" && source.quote.contains(code))
            let sources = try await s.projects.feed(.investment, year: 2026)["370100"] ?? []
            #expect(sources.map(\.code) == [code] && sources[0].month == Period("2026-10"))
            await #expect(throws: ServiceError.self, "an approved report is not replaced") {
                let r = try await s.projects.report(
                    ["code": code, "month": "2026-10", "investmentMonth": "1", "investmentToDate": "6200", "progress": "10"], identity: u.jn,
                    actor: Self.actor(u.jn))
                _ = r
            }

            // The project is red (10 % against a straight line near 61 %); its problem becomes an order.
            let library = try await s.projects.library()
            #expect(library.standings[code]?.rag == .red)
            let problem = try #require(try await s.projects.problems(code, identity: nil).first)
            await #expect(throws: ServiceError.self, "a reporter issues no orders") {
                _ = try await s.projects.escalateProblem(problem.id, level: "", identity: u.jn, actor: Self.actor(u.jn))
            }
            let order = try await s.projects.escalateProblem(problem.id, level: "", identity: u.office, actor: Self.actor(u.office))
            #expect(order.subject == OrderSubject(kind: .project, id: code) && order.unitCode == "370100" && order.level == .key)
            #expect(try await s.projects.problems(code, identity: nil).first?.orderID == order.id)
            await #expect(throws: ServiceError.self) {
                _ = try await s.projects.escalateProblem(problem.id, level: "", identity: u.office, actor: Self.actor(u.office))
            }

            // Roll-ups, the article's delivery, the OC4IDS package.
            let rollup = try await s.projects.rollup(.city, identity: nil)
            #expect(rollup.rows.first?.key == "370100" && rollup.rows.first?.red == 2)
            let delivery = try await s.projects.articleDelivery(37, identity: u.jn)
            #expect(Set(delivery.projects.map(\.project.code)) == [code, "2026-370102-44-01-000002"] && delivery.orders.map(\.id) == [order.id])
            #expect(try await s.projects.articleDelivery(37, identity: nil).orders.isEmpty, "orders are not public")
            #expect(try await s.projects.articleDelivery(37, identity: u.qd).orders.isEmpty, "nor shown to another city")
            let package = try await s.projects.oc4ids(base: "http://x")
            #expect(
                package.projects.count == 2 && package.projects.allSatisfy { $0.status == "preparation" }
                    && package.projects[0].budget.amount.amount == 1_200_000_000)
        }
    }

    @Test func adjustmentsKeepEveryVersionAndStayWithinTheirKind() async throws {
        try await ServicesFixture.withServices { s in
            let u = try await Self.people(s)
            try await Self.published(s, u)
            let code = "2026-370102-44-01-000001"
            await #expect(throws: ServiceError.self, "a schedule request cannot change the investment") {
                _ = try await s.projects.requestAdjustment(
                    code, kind: "schedule", cells: ["total": "1"], reason: "x", identity: u.jn, actor: Self.actor(u.jn))
            }
            await #expect(throws: ServiceError.self, "another unit cannot ask") {
                _ = try await s.projects.requestAdjustment(
                    code, kind: "schedule", cells: ["completion": "2028-06-30"], reason: "x", identity: u.qd, actor: Self.actor(u.qd))
            }
            let request = try await s.projects.requestAdjustment(
                code, kind: "schedule", cells: ["completion": "2028-06-30"], reason: "顺延", identity: u.jn, actor: Self.actor(u.jn))
            await #expect(throws: ServiceError.self, "one pending request at a time") {
                _ = try await s.projects.requestAdjustment(
                    code, kind: "investment", cells: ["total": "130000"], reason: "x", identity: u.jn, actor: Self.actor(u.jn))
            }
            await #expect(throws: ServiceError.self, "only the office decides") {
                _ = try await s.projects.decideAdjustment(request.id, approve: true, note: "", identity: u.jnrev, actor: Self.actor(u.jnrev))
            }
            await #expect(throws: ServiceError.self, "returning needs a reason") {
                _ = try await s.projects.decideAdjustment(request.id, approve: false, note: " ", identity: u.office, actor: Self.actor(u.office))
            }
            _ = try await s.projects.decideAdjustment(request.id, approve: true, note: "同意", identity: u.office, actor: Self.actor(u.office))
            let versions = try await s.projects.versions(code, identity: nil)
            #expect(versions.map(\.project.version) == [1, 2])
            #expect(Project.differences(versions[0].project, versions[1].project).map(\.key) == ["plannedCompletion"])
            let money = try await s.projects.requestAdjustment(
                code, kind: "investment", cells: ["total": "150000", "annual": "50000"], reason: "扩建", identity: u.jn, actor: Self.actor(u.jn))
            _ = try await s.projects.decideAdjustment(money.id, approve: true, note: "", identity: u.office, actor: Self.actor(u.office))
            let p = try await s.projects.project(code, identity: nil)
            #expect(
                p.version == 3 && p.totalInvestment == 150_000 && p.planned(in: 2026) == 50_000
                    && p.plannedCompletion == Day(year: 2028, month: 6, day: 30))
            // A withdrawal ends the project's reporting and its count towards the year's list.
            let out = try await s.projects.requestAdjustment(
                "2026-370102-44-01-000002", kind: "withdraw", cells: [:], reason: "条件变化", identity: u.jn, actor: Self.actor(u.jn))
            _ = try await s.projects.decideAdjustment(out.id, approve: true, note: "", identity: u.office, actor: Self.actor(u.office))
            try await s.projects.feedTargets()
            #expect(
                try await s.store.observations(indicator: "provincial_key_projects", region: "370000", offset: 0, limit: 10).items.map(
                    \.observation.value) == [1])
            await #expect(throws: ServiceError.self) {
                _ = try await s.projects.move(
                    "2026-370102-44-01-000002", to: "started", on: "", reason: "x", identity: u.office, actor: Self.actor(u.office))
            }
            let started = try await s.projects.move(
                code, to: "started", on: "2026-11-20", reason: "开工", identity: u.office, actor: Self.actor(u.office))
            #expect(started.stage == .started && started.actualStart == Day(year: 2026, month: 11, day: 20))
            #expect(try await s.projects.transitions(code, identity: nil).map(\.to) == [.declared, .annual, .started])
        }
    }
}
