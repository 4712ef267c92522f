import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// The library's pages and API: every role × every write route × own unit, another city and the
/// province (a refusal is 403 — a line-level 422 for a file, 404 for a declaration the caller
/// may not see — and changes nothing); the pages in
/// both languages; the OpenAPI document lists the paths.
@Suite struct ProjectRouteTests {
    enum Relation: String, CaseIterable {
        case own = "370100"
        case otherCity = "370200"
        case parent = "370000"

        var serial: Int { Relation.allCases.firstIndex(of: self)! }
        var declared: String { String(format: "2026-370102-44-01-%06d", 100 + serial) }
        var admitted: String { String(format: "2026-370102-44-01-%06d", 200 + serial) }
    }

    enum Route: String, CaseIterable {
        case windowOpen, declareForm, declareFile, review, admit, report, approveReports, adjust, decide, move, problemOrder, problemClose, rules
    }

    static func allowed(_ role: Role, _ route: Route, _ relation: Relation) -> Bool {
        let office = role == .admin || role == .office
        switch route {
        case .windowOpen, .review, .admit, .decide, .move, .problemOrder, .rules: return office
        case .declareForm, .declareFile, .adjust: return office || (role == .reporter && relation == .own)
        case .report: return role == .admin || (role == .reporter && relation == .own)
        case .approveReports, .problemClose: return office || (role == .reviewer && relation == .own)
        }
    }

    static func project(_ code: String, unit: String, stage: ProjectStage) -> Project {
        Project(
            code: code, name: "矩阵项目", owner: "公司", unitCode: unit, countyCode: "370102", cityCode: "370100", sector: "equipment", articles: [37],
            targetIDs: [], totalInvestment: 10_000, annualInvestment: [2026: 4000], plannedStart: Day(year: 2026, month: 1, day: 1),
            plannedCompletion: Day(year: 2027, month: 12, day: 31), content: "内容", location: "", contact: "", stage: stage, windowYear: 2026)
    }

    static func seed(_ store: SQLPlanStore) async throws {
        let setup = Actor(username: "setup", unitCode: "370000", ip: "local", channel: "cli")
        try await store.saveDeclarationWindow(
            DeclarationWindow(
                year: 2026, opens: Day(year: 2026, month: 11, day: 1), closes: Day(year: 2026, month: 12, day: 31), criteria: "标准", openedBy: "setup"),
            actor: setup)
        var all: [Project] = []
        for r in Relation.allCases {
            all.append(project(r.declared, unit: r.rawValue, stage: .declared))
            all.append(project(r.admitted, unit: r.rawValue, stage: .declared))
        }
        _ = try await store.declareProjects(all, actor: setup, dryRun: false, summary: nil) { _, _ in }
        try await store.admitProjects(
            admitted: Relation.allCases.map(\.admitted), rejected: [], on: Day(year: 2026, month: 11, day: 2), reason: "", actor: setup
        ) { _ in }
        for r in Relation.allCases {
            let report = ProjectReport(
                code: r.admitted, month: Period("2026-09")!, investmentMonth: 100, investmentToDate: 100, investmentYear: 100, progress: 5,
                milestones: [])
            let problem = ProjectProblem(
                id: 0, code: r.admitted, month: Period("2026-09")!, text: "问题", help: "", ownerUnit: r.rawValue,
                due: Day(year: 2026, month: 12, day: 31))
            _ = try await store.saveProjectReports([report], problems: [problem], actor: setup, dryRun: false, summary: nil) { _ in }
            var later = project(r.admitted, unit: r.rawValue, stage: .annual)
            later.plannedCompletion = Day(year: 2028, month: 6, day: 30)
            _ = try await store.requestAdjustment(code: r.admitted, kind: .schedule, proposed: later, reason: "顺延", actor: setup) { _, _ in }
        }
    }

    static func request(_ route: Route, _ r: Relation, who: Reporting.Credentials, index: Int, problems: [String: Int], adjustments: [String: Int])
        -> (String, HTTPRequest.Method, HTTPFields, ByteBuffer)
    {
        let serial = String(format: "2026-370102-44-01-%06d", 1000 + index)
        let unitName = ["370100": "济南市", "370200": "青岛市", "370000": "山东省"][r.rawValue]!
        switch route {
        case .windowOpen:
            return (
                "/api/v1/projects/windows", .post, who.bearer,
                Reporting.json(["year": 2027, "opens": "2026-11-01", "closes": "2026-12-31", "criteria": "矩阵 \(index)"])
            )
        case .declareForm:
            return (
                "/projects/declare?year=2026", .post, who.browser,
                Reporting.form([
                    ("_csrf", who.csrf), ("code", serial), ("name", "矩阵"), ("owner", "公司"), ("unit", unitName), ("sector", "equipment"),
                    ("total", "100"),
                    ("annual", "50"), ("start", "2026-12-01"), ("completion", "2027-12-31"), ("content", "内容"),
                ])
            )
        case .declareFile:
            var h = who.bearer
            h[.contentType] = "text/csv"
            let csv =
                "项目代码,项目名称,项目单位,申报单位,所属领域,总投资（万元）,年度计划投资（万元）,计划开工,计划竣工,建设内容及规模\n\(serial),矩阵,公司,\(unitName),高端装备,100,50,2026-12-01,2027-12-31,内容\n"
            return ("/api/v1/projects/windows/2026/declarations", .post, h, ByteBuffer(string: csv))
        case .review: return ("/api/v1/projects/\(r.declared)/reviews", .post, who.bearer, Reporting.json(["score": 80, "comment": "矩阵"]))
        case .admit: return ("/api/v1/projects/windows/2026/admit", .post, who.bearer, Reporting.json(["codes": [r.declared]]))
        case .report:
            var h = who.bearer
            h[.contentType] = "text/csv"
            let csv = "项目代码,月份,本月完成投资（万元）,累计完成投资（万元）,形象进度（%）\n\(r.admitted),2026-10,\(index),\(100 + index),6\n"
            return ("/api/v1/projects/reports", .post, h, ByteBuffer(string: csv))
        case .approveReports:
            return (
                "/api/v1/projects/reports/review", .post, who.bearer,
                Reporting.json(["reports": [["code": r.admitted, "month": "2026-09"]], "approve": true])
            )
        case .adjust:
            return (
                "/api/v1/projects/\(r.admitted)/adjustments", .post, who.bearer,
                Reporting.json(["kind": "investment", "changes": ["total": "\(20_000 + index)"], "reason": "矩阵"])
            )
        case .decide:
            return (
                "/api/v1/projects/adjustments/\(adjustments[r.admitted] ?? 0)/decision", .post, who.bearer,
                Reporting.json(["approve": false, "note": "退回"])
            )
        case .move:
            return (
                "/api/v1/projects/\(r.admitted)/moves", .post, who.bearer, Reporting.json(["stage": "started", "day": "2026-11-20", "reason": "开工"])
            )
        case .problemClose:
            return ("/api/v1/projects/problems/\(problems[r.admitted] ?? 0)/close", .post, who.bearer, Reporting.json(["note": "已解决"]))
        case .problemOrder: return ("/api/v1/projects/problems/\(problems[r.admitted] ?? 0)/order", .post, who.bearer, ByteBuffer())
        case .rules:
            return (
                "/api/v1/projects/rules", .put, who.bearer,
                Reporting.json([
                    "investment_red_gap": 15, "investment_yellow_gap": 5, "progress_red_gap": 15, "progress_yellow_gap": 5, "start_late_red_days": 60,
                    "start_late_yellow_days": 30, "silent_red_months": 2, "due_day": 5 + index % 2,
                ])
            )
        }
    }

    @Test func everyRoleEveryWriteRouteEveryRelation() async throws {
        try await WebFixture.withRouter { router, store in
            var made: [Role: Reporting.Credentials] = [:]
            for role in Role.allCases { made[role] = try await Reporting.user(store, "\(role.rawValue)-jinan", role, "370100") }
            try await Self.seed(store)
            let problems = Dictionary(try await store.projectProblems(code: nil).map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
            let adjustments = Dictionary(try await store.projectAdjustments(code: nil).map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
            let users = made
            let app = Application(router: router)
            try await app.test(.router) { client in
                var index = 0
                var succeeded: Set<Route> = []
                for role in Role.allCases {
                    for route in Route.allCases {
                        for relation in Relation.allCases {
                            index += 1
                            let (uri, method, headers, body) = Self.request(
                                route, relation, who: users[role]!, index: index, problems: problems, adjustments: adjustments)
                            let version = try await store.projectsVersion()
                            let audit = try await store.audit(AuditQuery(limit: 1)).total
                            let orders = try await store.orders(units: nil).count
                            let status = try await client.execute(uri: uri, method: method, headers: headers, body: body) { $0.status }
                            if Self.allowed(role, route, relation) {
                                #expect([200, 201, 204, 303, 409].contains(status.code), "\(role) may \(route) on \(relation): got \(status.code)")
                                if [200, 201, 204, 303].contains(status.code) { succeeded.insert(route) }
                            } else {
                                // 404 for a declaration the caller may not see at all.
                                #expect([403, 404, 422].contains(status.code), "\(role) may not \(route) on \(relation): got \(status.code)")
                                #expect(try await store.projectsVersion() == version, "\(role) \(route) \(relation): a refusal changes nothing")
                                #expect(try await store.audit(AuditQuery(limit: 1)).total == audit)
                                #expect(try await store.orders(units: nil).count == orders)
                            }
                        }
                    }
                }
                #expect(succeeded == Set(Route.allCases), "every route did its work for someone: \(Set(Route.allCases).subtracting(succeeded))")
            }
        }
    }

    @Test func pagesReadInBothLanguagesAndTheAPIListsTheLibrary() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            try await Self.seed(store)
            try await store.publishDeclarationWindow(year: 2026, actor: Actor(username: "setup", unitCode: "370000", ip: "", channel: "cli"))
            let app = Application(router: router)
            try await app.test(.router) { client in
                let code = Relation.own.admitted
                for (path, zh, en) in [
                    ("/projects", "重大项目库", "Major-project library"), ("/projects/\(code)", "月度调度", "Monthly dispatch"),
                    ("/projects/rollup?by=sector", "计划与实际", "Plan versus actual"), ("/projects/problems", "项目问题清单", "Project problems"),
                    ("/articles/37/delivery", "第37条落实情况", "Delivery of Article 37"),
                    ("/projects/feeds/key_project_investment/370000/2026", "来源", "Sources"),
                ] {
                    let page = try await client.execute(uri: path, method: .get) { ($0.status, String(buffer: $0.body)) }
                    #expect(page.0 == .ok && page.1.contains(zh), "\(path)")
                    let english = try await client.execute(uri: path + (path.contains("?") ? "&" : "?") + "lang=en", method: .get) {
                        String(buffer: $0.body)
                    }
                    #expect(english.contains(en), "\(path) in English")
                }
                let desk = try await client.execute(uri: "/projects/desk", method: .get, headers: office.browser) {
                    ($0.status, String(buffer: $0.body))
                }
                #expect(desk.0 == .ok && desk.1.contains("申报窗口") && desk.1.contains(Relation.own.declared))
                let missing = try await client.execute(uri: "/projects/2026-370102-44-01-999999", method: .get) { $0.status }
                #expect(missing == .notFound)
                let hidden = try await client.execute(uri: "/projects/\(Relation.own.declared)", method: .get) { $0.status }
                #expect(hidden == .notFound, "a declaration is not public")
                let bad = try await client.execute(uri: "/api/v1/projects?stage=built", method: .get) { ($0.status, String(buffer: $0.body)) }
                #expect(bad.0 == .badRequest && bad.1.contains("stage"))
                let list = try await client.execute(uri: "/api/v1/projects?city=370100", method: .get) { String(buffer: $0.body) }
                let json = try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [String: Any]
                #expect((json?["total"] as? Int) == 3 && (json?["items"] as? [[String: Any]])?.first?["rag"] != nil)
                let oc4ids = try await client.execute(uri: "/api/v1/projects/export.oc4ids.json", method: .get) { String(buffer: $0.body) }
                #expect(oc4ids.contains("\"version\":\"0.9\"") && oc4ids.contains(code))
                let xlsx = try await client.execute(uri: "/projects.xlsx", method: .get) { ($0.status, $0.headers[.contentType] ?? "") }
                #expect(xlsx.0 == .ok && xlsx.1.contains("spreadsheetml"))
                let openapi = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { String(buffer: $0.body) }
                for path in [
                    "/api/v1/projects", "/api/v1/projects/{code}", "/api/v1/projects/reports", "/api/v1/projects/export.oc4ids.json",
                    "/api/v1/articles/{number}/delivery",
                ] {
                    #expect(openapi.contains("\"\(path)\""), "OpenAPI lists \(path)")
                }
            }
        }
    }
}
