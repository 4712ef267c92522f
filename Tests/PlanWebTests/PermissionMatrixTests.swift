import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Every role × every write route × own unit, another city and the parent unit: exactly who may
/// do what. Each role has a user at Jinan (370100). A refused request answers 403 and changes
/// nothing; an allowed one is never 401/403 (it may still meet the workflow, 409).
@Suite struct PermissionMatrixTests {
    enum Relation: String, CaseIterable {
        case own = "370100"
        case otherCity = "370200"
        case parent = "370000"
    }

    enum Route: String, CaseIterable {
        case save, submit, approve, returnIt, reopen, importFile, calendar, createUser, updateUser
        case formSave, formReview, formImport, formImportConfirm
        case taskImport, taskImportForm, taskImportConfirm, taskNew, taskEdit, taskDelete
        case progress, progressForm, progressEvidence, progressSubmit, progressReviewForm, progressApprove, progressReturn
        case inboxMark, inboxMarkForm
        case orderIssue, orderIssueForm, orderSign, orderAnswer, orderAnswerForm, orderClose, orderReturn
        case policyImport, policyImportForm, policyNew, policyEdit, policyDelete
        case subscribeUnit, subscribeUnitForm, deliveriesRun, deliveriesRunForm, policyImportConfirm
        case subscriptionDelete, subscriptionDeleteForm, deliveryRetry, deliveryRetryForm
        case stocktakeCreate, stocktakeCreateForm, stocktakeDecide, stocktakeDecideForm
        case schemeSave, schemeSaveForm, schemeEditForm, roundOpen, roundOpenForm, roundFreeze, roundFreezeForm, roundPublish, roundPublishForm
        case appealFile, appealDecide, poolSave, poolConfirm, qualitativeSet
    }

    /// The routes that step a seeded order: each has an order per relation.
    static let orderSteps: [Route] = [.orderSign, .orderAnswer, .orderAnswerForm, .orderClose, .orderReturn]

    static func orderID(_ route: Route, _ unit: String) -> String {
        let r = orderSteps.firstIndex(of: route) ?? 0
        let u = Relation.allCases.firstIndex { $0.rawValue == unit } ?? 0
        return "2026-\(r * Relation.allCases.count + u + 1)"
    }

    static func allowed(_ role: Role, _ route: Route, _ relation: Relation) -> Bool {
        switch route {
        case .taskImport, .taskImportForm, .taskImportConfirm, .taskNew, .taskEdit, .taskDelete: return role == .admin || role == .office
        case .policyImport, .policyImportForm, .policyNew, .policyEdit, .policyDelete: return role == .admin || role == .office
        case .subscribeUnit, .subscribeUnitForm: return role == .admin || role == .office || (role == .reviewer && relation == .own)
        case .deliveriesRun, .deliveriesRunForm, .policyImportConfirm: return role == .admin || role == .office
        case .subscriptionDelete, .subscriptionDeleteForm, .deliveryRetry, .deliveryRetryForm:
            return role == .admin || role == .office || (role == .reviewer && relation == .own)
        case .stocktakeCreate, .stocktakeCreateForm, .stocktakeDecide, .stocktakeDecideForm: return role == .admin || role == .office
        case .schemeSave, .schemeSaveForm, .schemeEditForm, .roundOpen, .roundOpenForm, .roundFreeze, .roundFreezeForm, .roundPublish,
            .roundPublishForm, .appealDecide, .poolSave, .poolConfirm, .qualitativeSet:
            return role == .admin || role == .office
        case .appealFile: return role == .admin || ((role == .reporter || role == .reviewer) && relation == .own)
        case .progress, .progressForm, .progressEvidence, .progressSubmit: return role == .admin || (role == .reporter && relation == .own)
        case .progressReviewForm, .progressApprove, .progressReturn:
            return role == .admin || role == .office || (role == .reviewer && relation == .own)
        case .inboxMark, .inboxMarkForm: return role == .admin || role == .office || relation == .own
        case .orderIssue, .orderIssueForm, .orderClose, .orderReturn: return role == .admin || role == .office
        case .orderSign, .orderAnswer, .orderAnswerForm: return role == .admin || ((role == .reporter || role == .reviewer) && relation == .own)
        default: break
        }
        switch (role, route) {
        case (.admin, _): return true
        case (.office, .approve), (.office, .returnIt), (.office, .reopen), (.office, .calendar), (.office, .formReview): return true
        case (.office, _): return false
        case (.reporter, .save), (.reporter, .submit), (.reporter, .importFile), (.reporter, .formSave), (.reporter, .formImport),
            (.reporter, .formImportConfirm):
            return relation == .own
        case (.reporter, _): return false
        case (.reviewer, .approve), (.reviewer, .returnIt), (.reviewer, .reopen), (.reviewer, .formReview): return relation == .own
        case (.reviewer, _): return false
        case (.viewer, _): return false
        }
    }

    static func request(_ route: Route, unit: String, who: Reporting.Credentials, index: Int) -> (String, HTTPRequest.Method, HTTPFields, ByteBuffer)
    {
        let base = "/api/v1/units/\(unit)/periods/2025"
        let value = ["values": [["indicator_key": "gdp", "value": 1000 + index, "explanation": "matrix"]], "reason": "matrix"] as [String: Any]
        let csv = "indicator_key,period,value,explanation\ngdp,2025,\(2000 + index),matrix\n"
        switch route {
        case .save: return ("\(base)/observations", .post, who.bearer, Reporting.json(value))
        case .submit: return ("\(base)/submit", .post, who.bearer, ByteBuffer())
        case .approve: return ("\(base)/approve", .post, who.bearer, ByteBuffer())
        case .returnIt: return ("\(base)/return", .post, who.bearer, Reporting.json(["reason": "matrix"]))
        case .reopen: return ("\(base)/reopen", .post, who.bearer, Reporting.json(["reason": "matrix"]))
        case .importFile:
            var h = who.bearer
            h[.contentType] = "text/csv"
            return ("/api/v1/units/\(unit)/imports?reason=matrix", .post, h, ByteBuffer(string: csv))
        case .calendar:
            return (
                "/api/v1/units/\(unit)/calendar", .put, who.bearer,
                Reporting.json(["entries": [["indicator_key": "gdp", "frequency": "annual", "first_year": 2023, "due_days": 150, "lock_days": 365]]])
            )
        case .createUser:
            return (
                "/api/v1/users", .post, who.bearer,
                Reporting.json(["username": "new\(index)", "unit_code": unit, "role": "viewer", "password": "another-long-password"])
            )
        case .updateUser:
            return ("/api/v1/users/target-\(unit)", .patch, who.bearer, Reporting.json(["role": "viewer"]))
        case .formSave:
            return (
                "/units/\(unit)/periods/2025", .post, who.browser,
                Reporting.form([("_csrf", who.csrf), ("v.gdp", "\(3000 + index)"), ("e.gdp", "matrix"), ("reason", "matrix"), ("action", "save")])
            )
        case .formReview:
            return (
                "/units/\(unit)/periods/2025/review", .post, who.browser,
                Reporting.form([("_csrf", who.csrf), ("action", "reopen"), ("reason", "matrix")])
            )
        case .formImport:
            let (body, type) = Reporting.multipart(
                file: Data(csv.utf8), name: "m.csv", fields: [("_csrf", who.csrf), ("mode", "commit"), ("reason", "matrix")])
            var h = who.browser
            h[.contentType] = type
            return ("/units/\(unit)/import", .post, h, body)
        case .formImportConfirm:
            return ("/units/\(unit)/import/0123456789abcdef0123456789abcdef", .post, who.browser, Reporting.form([("_csrf", who.csrf)]))
        case .taskImport:
            var h = who.bearer
            h[.contentType] = "text/csv"
            return ("/api/v1/tasks/imports?year=2026", .post, h, ByteBuffer(string: "序号,重点任务,牵头单位,完成时限\nm\(index),矩阵任务,济南市,2026-12-31\n"))
        case .taskImportForm:
            let (body, type) = Reporting.multipart(
                file: Data("序号,重点任务,牵头单位,完成时限\nf\(index),矩阵任务,济南市,2026-12-31\n".utf8), name: "list.csv",
                fields: [("_csrf", who.csrf), ("mode", "commit"), ("year", "2026")])
            var h = who.browser
            h[.contentType] = type
            return ("/tasks/import", .post, h, body)
        case .taskImportConfirm:
            return ("/tasks/import/0123456789abcdef0123456789abcdef", .post, who.browser, Reporting.form([("_csrf", who.csrf)]))
        case .taskNew:
            return (
                "/tasks/new", .post, who.browser,
                Reporting.form([
                    ("_csrf", who.csrf), ("year", "2026"), ("number", "n\(index)"), ("title", "矩阵"), ("lead", "济南市"), ("due", "2026-12-31"),
                ])
            )
        case .taskEdit:
            return (
                "/tasks/2026-1/edit", .post, who.browser,
                Reporting.form([
                    ("_csrf", who.csrf), ("year", "2026"), ("number", "1"), ("title", "矩阵 \(index)"), ("lead", "济南市、青岛市、山东省"), ("due", "2026-12-10"),
                ])
            )
        case .taskDelete:
            return ("/tasks/2026-d\(index)/delete", .post, who.browser, Reporting.form([("_csrf", who.csrf)]))
        case .progress:
            return (
                "/api/v1/tasks/2026-1/progress", .post, who.bearer,
                Reporting.json(["unit": unit, "status": "on_schedule", "confidence": "high", "narrative": "matrix"])
            )
        case .progressForm:
            let (body, type) = Reporting.multipart(
                file: Data(), name: "",
                fields: [
                    ("_csrf", who.csrf), ("unit", unit), ("status", "on_schedule"), ("confidence", "high"), ("narrative", "matrix"),
                    ("action", "save"),
                ])
            var h = who.browser
            h[.contentType] = type
            return ("/tasks/2026-1/progress", .post, h, body)
        case .progressEvidence:
            var h = who.bearer
            h[.contentType] = "application/pdf"
            return ("/api/v1/tasks/2026-1/progress/\(unit)/2026-11/evidence?filename=m.pdf", .post, h, ByteBuffer(string: "%PDF-1.4 matrix"))
        case .progressSubmit: return ("/api/v1/tasks/2026-1/progress/\(unit)/2026-11/submit", .post, who.bearer, ByteBuffer())
        case .progressApprove: return ("/api/v1/tasks/2026-1/progress/\(unit)/2026-11/approve", .post, who.bearer, ByteBuffer())
        case .progressReturn:
            return ("/api/v1/tasks/2026-1/progress/\(unit)/2026-11/return", .post, who.bearer, Reporting.json(["reason": "matrix"]))
        case .progressReviewForm:
            return (
                "/tasks/2026-1/progress/\(unit)/2026-11/review", .post, who.browser, Reporting.form([("_csrf", who.csrf), ("action", "approve")])
            )
        case .inboxMark:
            return ("/api/v1/inbox/marks", .post, who.bearer, Reporting.json(["key": "task_due|\(unit)|2026-1", "mark": "acknowledged"]))
        case .inboxMarkForm:
            return ("/inbox/mark", .post, who.browser, Reporting.form([("_csrf", who.csrf), ("key", "task_due|\(unit)|2026-1"), ("mark", "muted")]))
        case .orderIssue:
            return (
                "/api/v1/orders", .post, who.bearer,
                Reporting.json(["unit": unit, "matter": "矩阵 \(index)", "requirement": "答复", "due": "2099-12-31", "subject": "task:2026-1"])
            )
        case .orderIssueForm:
            return (
                "/orders/new", .post, who.browser,
                Reporting.form([
                    ("_csrf", who.csrf), ("unit", unit), ("matter", "矩阵 \(index)"), ("requirement", "答复"), ("level", "key"), ("due", "2099-12-31"),
                ])
            )
        case .orderSign: return ("/api/v1/orders/\(orderID(route, unit))/sign", .post, who.bearer, ByteBuffer())
        case .orderAnswer: return ("/api/v1/orders/\(orderID(route, unit))/answer", .post, who.bearer, Reporting.json(["text": "已办理"]))
        case .orderAnswerForm:
            let (body, type) = Reporting.multipart(
                file: Data("%PDF-1.4 matrix".utf8), name: "m.pdf", fileField: "evidence",
                fields: [("_csrf", who.csrf), ("action", "answer"), ("text", "已办理")])
            var h = who.browser
            h[.contentType] = type
            return ("/orders/\(orderID(route, unit))/step", .post, h, body)
        case .orderClose: return ("/api/v1/orders/\(orderID(route, unit))/close", .post, who.bearer, Reporting.json(["text": "销号"]))
        case .orderReturn: return ("/api/v1/orders/\(orderID(route, unit))/return", .post, who.bearer, Reporting.json(["text": "重办"]))
        case .policyImport:
            var h = who.bearer
            h[.contentType] = "text/csv"
            return ("/api/v1/policies/imports", .post, h, ByteBuffer(string: "序号,政策名称,发文单位,计划出台时间,状态\nm\(index),矩阵政策,济南市,2026-12-31,计划制定\n"))
        case .policyImportForm:
            let (body, type) = Reporting.multipart(
                file: Data("序号,政策名称,发文单位,计划出台时间,状态\nf\(index),矩阵政策,济南市,2026-12-31,起草中\n".utf8), name: "policies.csv",
                fields: [("_csrf", who.csrf), ("mode", "commit")])
            var h = who.browser
            h[.contentType] = type
            return ("/policies/import", .post, h, body)
        case .policyNew:
            return (
                "/policies/new", .post, who.browser,
                Reporting.form([
                    ("_csrf", who.csrf), ("number", "n\(index)"), ("title", "矩阵"), ("issuers", "济南市"), ("planned", "2026-12-31"),
                    ("status", "planned"),
                ])
            )
        case .policyEdit:
            return (
                "/policies/1/edit", .post, who.browser,
                Reporting.form([
                    ("_csrf", who.csrf), ("title", "矩阵 \(index)"), ("issuers", "济南市"), ("planned", "2026-12-31"), ("status", "drafting"),
                ])
            )
        case .policyDelete:
            return ("/policies/d\(index)/delete", .post, who.browser, Reporting.form([("_csrf", who.csrf)]))
        // Nothing listens on port 9: a run's sends fail fast and wait for their retry.
        case .subscribeUnit:
            return (
                "/api/v1/subscriptions", .post, who.bearer,
                Reporting.json(["unit": unit, "channel": "webhook", "target": "http://127.0.0.1:9/hook/\(index)"])
            )
        case .subscribeUnitForm:
            return (
                "/deliveries/subscriptions", .post, who.browser,
                Reporting.form([("_csrf", who.csrf), ("unit", unit), ("channel", "wecom"), ("target", "http://127.0.0.1:9/robot/\(index)")])
            )
        case .deliveriesRun: return ("/api/v1/deliveries/run", .post, who.bearer, ByteBuffer())
        case .deliveriesRunForm: return ("/deliveries/run", .post, who.browser, Reporting.form([("_csrf", who.csrf)]))
        case .policyImportConfirm:
            return ("/policies/import/0123456789abcdef0123456789abcdef", .post, who.browser, Reporting.form([("_csrf", who.csrf)]))
        // Each request has its own seeded unit subscription (`s<index>`) or failed message (`m<index>`).
        case .subscriptionDelete: return ("/api/v1/subscriptions/s\(index)", .delete, who.bearer, ByteBuffer())
        case .subscriptionDeleteForm:
            return ("/deliveries/subscriptions/s\(index)/delete", .post, who.browser, Reporting.form([("_csrf", who.csrf)]))
        case .deliveryRetry: return ("/api/v1/deliveries/m\(index)/retry", .post, who.bearer, ByteBuffer())
        case .deliveryRetryForm: return ("/deliveries/m\(index)/retry", .post, who.browser, Reporting.form([("_csrf", who.csrf)]))
        // One stocktake a request (a day each); decisions on the seeded one are notes (an order's would go to `unit`).
        case .stocktakeCreate:
            return (
                "/api/v1/stocktakes", .post, who.bearer,
                Reporting.json(["date": Day(year: 2024, month: 1, day: 1).adding(days: index).description, "scope": "province"])
            )
        case .stocktakeCreateForm:
            return (
                "/stocktakes", .post, who.browser,
                Reporting.form([("_csrf", who.csrf), ("date", Day(year: 2024, month: 1, day: 1).adding(days: index).description), ("scope", unit)])
            )
        case .stocktakeDecide:
            return (
                "/api/v1/stocktakes/2026-11-29-province/decisions", .post, who.bearer,
                Reporting.json(["text": "矩阵 \(index)", "kind": "order", "unit": unit, "due": "2099-12-31"])
            )
        case .stocktakeDecideForm:
            return (
                "/stocktakes/2026-11-29-province/decisions", .post, who.browser,
                Reporting.form([("_csrf", who.csrf), ("text", "矩阵 \(index)"), ("kind", "note")])
            )
        // Schemes are saved under their own ids (or as new versions of the seeded one); rounds open on it, and the seeded
        // rounds 2024-1 (the API's) and 2024-2 (the forms') are frozen, frozen again and published by whoever may (later
        // steps meet 409).
        case .schemeSave:
            return ("/api/v1/assessment/schemes", .post, who.bearer, Reporting.json(["id": "m\(index)", "body": Self.scheme(index)]))
        case .schemeSaveForm:
            return (
                "/assessment/schemes", .post, who.browser, Reporting.form([("_csrf", who.csrf), ("id", "m\(index)"), ("body", Self.scheme(index))])
            )
        case .schemeEditForm:
            return ("/assessment/schemes/seeded", .post, who.browser, Reporting.form([("_csrf", who.csrf), ("body", Self.scheme(index))]))
        case .roundOpen:
            return (
                "/api/v1/assessment/rounds", .post, who.bearer,
                Reporting.json(["year": 2024, "scheme": "seeded", "version": 1, "cutoff": "2025-03-31"] as [String: Any])
            )
        case .roundOpenForm:
            return (
                "/assessment/rounds", .post, who.browser,
                Reporting.form([("_csrf", who.csrf), ("year", "2024"), ("scheme", "seeded:1"), ("cutoff", "2025-03-31")])
            )
        case .roundFreeze: return ("/api/v1/assessment/rounds/2024-1/freeze", .post, who.bearer, Reporting.json(["reason": "矩阵 \(index)"]))
        case .roundFreezeForm:
            return ("/assessment/rounds/2024-2", .post, who.browser, Reporting.form([("_csrf", who.csrf), ("action", "freeze"), ("reason", "矩阵")]))
        case .roundPublish: return ("/api/v1/assessment/rounds/2024-1/publish", .post, who.bearer, ByteBuffer())
        case .roundPublishForm:
            return ("/assessment/rounds/2024-2", .post, who.browser, Reporting.form([("_csrf", who.csrf), ("action", "publish")]))
        // Appeals go to the seeded round 2024-3, frozen; the province is not assessed, so a third city stands in for the parent.
        case .appealFile:
            let city = unit == Relation.parent.rawValue ? "370300" : unit
            return (
                "/api/v1/assessment/rounds/2024-3/appeals", .post, who.bearer,
                Reporting.json(["unit": city, "target": "C02-2", "reason": "矩阵 \(index)"])
            )
        case .qualitativeSet:
            let city = unit == Relation.parent.rawValue ? "370300" : unit
            return (
                "/api/v1/assessment/rounds/2024-3/units/\(city)/qualitative", .post, who.bearer,
                Reporting.json(["item": "tasks", "points": 3, "reason": "矩阵 \(index)"])
            )
        case .appealDecide:
            return ("/api/v1/assessment/rounds/2024-3/appeals/1/reject", .post, who.bearer, Reporting.json(["reason": "矩阵 \(index)"]))
        case .poolSave:
            return (
                "/api/v1/assessment/rounds/2024-3/pools", .post, who.bearer,
                Reporting.json(["id": "p\(index)", "name": "矩阵", "resource": "funds", "amount": 100, "rule": ["kind": "above-mark", "mark": 0]])
            )
        // The seeded pool of 2024-1, confirmed once that round is published (by the publish route above).
        case .poolConfirm: return ("/api/v1/assessment/rounds/2024-1/pools/seeded/confirm", .post, who.bearer, ByteBuffer())
        }
    }

    /// A valid scheme, named after the request so that every save is a change.
    static func scheme(_ index: Int) -> String {
        "name: 矩阵方案 \(index)\nqualitative_items:\n  - {id: tasks, name: 任务, max: 5}\ntargets:\n  - {target: C02-2, points: 60}\n  - {target: A003-1, points: 40}\n"
    }

    @Test func everyRoleEveryWriteRouteEveryRelation() async throws {
        try await WebFixture.withRouter { router, store in
            var made: [Role: Reporting.Credentials] = [:]
            for role in Role.allCases { made[role] = try await Reporting.user(store, "\(role.rawValue)-jinan", role, "370100") }
            for relation in Relation.allCases { try await Reporting.user(store, "target-\(relation.rawValue)", .viewer, relation.rawValue) }
            try await Self.seedTasks(store)
            try await Self.seedOrders(store)
            try await Self.seedPolicies(store)
            try await Self.seedDeliveries(store)
            let setup = Actor(username: "setup", unitCode: "370000", ip: "local", channel: "cli")
            try await store.createStocktake(
                Stocktake(date: Day(year: 2026, month: 11, day: 29), scope: .province, statuses: [:], createdBy: "setup", createdAt: "t"),
                actor: setup)
            _ = try await store.saveScheme(id: "seeded", name: "矩阵方案", body: Self.scheme(0), note: "", actor: setup)
            for _ in 1...3 {
                _ = try await store.openRound(
                    year: 2024, schemeID: "seeded", schemeVersion: 1, cutoff: Day(year: 2025, month: 3, day: 31), actor: setup)
            }
            _ = try await store.freezeRound(id: "2024-3", reason: "", diligence: [:], actor: setup) { _ in }
            _ = try await store.fileAppeal(round: "2024-3", unit: "370100", targetID: "A003-1", reason: "矩阵", evidence: [], actor: setup) { _, _ in 1
            }
            let pool = IncentivePool(
                roundID: "2024-1", id: "seeded", name: "矩阵", resource: .funds, amount: 100,
                rule: .tiers(["优秀": 1, "良好": 1, "合格": 1, "不合格": 1]), vetoed: .floorOnly)
            _ = try await store.savePool(pool, actor: setup) { _, _ in }
            let users = made
            let app = Application(router: router)
            try await app.test(.router) { client in
                var index = 0
                var table: [String] = []
                var succeeded: Set<Route> = []
                for role in Role.allCases {
                    for route in Route.allCases {
                        for relation in Relation.allCases {
                            index += 1
                            let (uri, method, headers, body) = Self.request(route, unit: relation.rawValue, who: users[role]!, index: index)
                            let auditBefore = try await store.audit(AuditQuery(limit: 1)).total
                            let valuesBefore = try await store.reportValues(unit: relation.rawValue, period: nil)
                            let tasksBefore = try await store.tasks(year: nil)
                            let progressBefore = try await store.progress(taskIDs: nil, units: nil)
                            let marksBefore = try await store.alertMarks()
                            let ordersBefore = try await store.orders(units: nil)
                            let policiesBefore = try await store.policies()
                            let subscriptionsBefore = try await store.subscriptions()
                            let outboxBefore = try await store.outbox(subscriptionIDs: nil, limit: 1000)
                            let stocktakesBefore = try await store.stocktakes()
                            let schemesBefore = try await store.schemes(id: nil)
                            let roundsBefore = try await store.rounds()
                            let appealsBefore = try await store.appeals(round: "2024-3", unit: nil)
                            let qualitativeBefore = try await store.qualitativeScores(round: "2024-3")
                            let poolsBefore = try await store.pools(round: "2024-1") + store.pools(round: "2024-3")
                            let status = try await client.execute(uri: uri, method: method, headers: headers, body: body) { $0.status }
                            let expected = Self.allowed(role, route, relation)
                            table.append("\(role.rawValue) \(route.rawValue) \(relation) → \(status.code)")
                            if expected {
                                // Allowed: done, or refused by the workflow's state (409) — never by the permissions.
                                #expect([200, 201, 204, 303, 409].contains(status.code), "\(role) may \(route) on \(relation): got \(status.code)")
                                if [200, 201, 204, 303].contains(status.code) { succeeded.insert(route) }
                            } else {
                                #expect(status == .forbidden, "\(role) may not \(route) on \(relation): got \(status.code)")
                                #expect(try await store.audit(AuditQuery(limit: 1)).total == auditBefore, "a refusal leaves no trace but a 403")
                                #expect(try await store.reportValues(unit: relation.rawValue, period: nil) == valuesBefore)
                                #expect(try await store.tasks(year: nil) == tasksBefore)
                                #expect(try await store.progress(taskIDs: nil, units: nil) == progressBefore)
                                #expect(try await store.alertMarks() == marksBefore)
                                #expect(try await store.orders(units: nil) == ordersBefore)
                                #expect(try await store.policies() == policiesBefore)
                                #expect(try await store.subscriptions() == subscriptionsBefore)
                                #expect(try await store.outbox(subscriptionIDs: nil, limit: 1000) == outboxBefore)
                                #expect(try await store.stocktakes() == stocktakesBefore)
                                #expect(try await store.schemes(id: nil) == schemesBefore)
                                #expect(try await store.rounds() == roundsBefore)
                                #expect(try await store.appeals(round: "2024-3", unit: nil) == appealsBefore)
                                #expect(try await store.qualitativeScores(round: "2024-3") == qualitativeBefore)
                                #expect(try await store.pools(round: "2024-1") + store.pools(round: "2024-3") == poolsBefore)
                            }
                        }
                    }
                }
                #expect(table.count == Role.allCases.count * Route.allCases.count * Relation.allCases.count)
                // Every route did its work for someone allowed. Not here: the upload confirmations (they
                // need a preview of their own user), the review form (its reopen always finds the
                // period just reopened or drafted) and the API's approval of progress (the review
                // form approves the one report it could, first); ImportRouteTests, ReportingFlowTests
                // and SupervisionRouteTests cover them.
                #expect(
                    Set(Route.allCases).subtracting(succeeded) == [
                        .formImportConfirm, .taskImportConfirm, .policyImportConfirm, .formReview, .progressApprove,
                    ],
                    "\(Set(Route.allCases).subtracting(succeeded))")
            }
        }
    }

    /// A task every relation leads, and one task to delete for each request.
    static func seedTasks(_ store: any PlanStore) async throws {
        let office = Actor(username: "setup", unitCode: "370000", ip: "local", channel: "cli")
        let due = Day(year: 2026, month: 12, day: 31)
        // Due within the fortnight: each lead unit has a task-due alert to mark.
        var tasks = [
            WorkTask(
                year: 2026, number: "1", position: 1, title: "矩阵", article: 12, leadUnits: Relation.allCases.map(\.rawValue),
                due: Day(year: 2026, month: 12, day: 10), dueText: "2026-12-10")
        ]
        let requests = Role.allCases.count * Route.allCases.count * Relation.allCases.count
        for i in 1...requests {
            tasks.append(
                WorkTask(year: 2026, number: "d\(i)", position: i + 1, title: "删除", article: nil, leadUnits: ["370100"], due: due, dueText: ""))
        }
        _ = try await store.saveTasks(tasks, actor: office, dryRun: false, summary: nil)
    }

    /// An order per step route and relation (ids as `orderID` gives them); those to close or send
    /// back are answered already.
    static func seedOrders(_ store: any PlanStore) async throws {
        let office = Actor(username: "setup", unitCode: "370000", ip: "local", channel: "cli")
        var drafts: [SupervisionOrder] = []
        for _ in orderSteps {
            for relation in Relation.allCases {
                drafts.append(
                    SupervisionOrder(
                        year: 2026, seq: 0, unitCode: relation.rawValue, subject: OrderSubject(kind: .task, id: "2026-1"), matter: "矩阵",
                        requirement: "答复", level: .general, due: Day(year: 2099, month: 12, day: 31), issuedBy: "setup", issuerUnit: "370000",
                        issuedOn: Day(year: 2026, month: 11, day: 1)))
            }
        }
        _ = try await store.issueOrders(drafts, note: "", actor: office)
        for route in [Route.orderClose, .orderReturn] {
            for relation in Relation.allCases {
                _ = try await store.stepOrder(
                    id: orderID(route, relation.rawValue), action: .answer, text: "已办理", evidence: [], on: Day(year: 2026, month: 11, day: 2),
                    actor: office
                ) { _ in .answered }
            }
        }
    }

    /// A policy to edit, and one to delete for each request.
    static func seedPolicies(_ store: any PlanStore) async throws {
        let office = Actor(username: "setup", unitCode: "370000", ip: "local", channel: "cli")
        let requests = Role.allCases.count * Route.allCases.count * Relation.allCases.count
        let policies = (0...requests).map { i in
            Policy(
                number: i == 0 ? "1" : "d\(i)", position: i + 1, title: "矩阵", issuers: ["370100"], planned: Day(year: 2026, month: 12, day: 31),
                plannedText: "2026-12-31", status: .planned)
        }
        _ = try await store.savePolicies(policies, actor: office, dryRun: false, summary: nil)
    }

    /// The index a request of `role`, `route` and `relation` gets in the matrix's loops.
    static func index(_ role: Role, _ route: Route, _ relation: Relation) -> Int {
        let r = Role.allCases.firstIndex(of: role)!
        let t = Route.allCases.firstIndex(of: route)!
        let u = Relation.allCases.firstIndex(of: relation)!
        return 1 + (r * Route.allCases.count + t) * Relation.allCases.count + u
    }

    /// A unit subscription for each request that removes one, and a failed message of its own
    /// subscription for each request that sends one again (nothing listens on port 9).
    static func seedDeliveries(_ store: any PlanStore) async throws {
        let office = Actor(username: "setup", unitCode: "370000", ip: "local", channel: "cli")
        var messages: [OutboxMessage] = []
        for role in Role.allCases {
            for relation in Relation.allCases {
                for route in [Route.subscriptionDelete, .subscriptionDeleteForm, .deliveryRetry, .deliveryRetryForm] {
                    let i = index(role, route, relation)
                    try await store.addSubscription(
                        Subscription(
                            id: "s\(i)", owner: .unit(relation.rawValue), channel: .webhook, target: "http://127.0.0.1:9/seed/\(i)",
                            createdBy: "setup",
                            createdAt: "2026-11-29T00:00:00.000Z"), actor: office)
                    if route == .deliveryRetry || route == .deliveryRetryForm {
                        messages.append(
                            OutboxMessage(
                                id: "m\(i)", subscriptionID: "s\(i)", unitCode: relation.rawValue, channel: .webhook,
                                target: "http://127.0.0.1:9/seed/\(i)",
                                subject: "矩阵", body: Data("{}".utf8), state: .failed, attempts: 5, nextAttemptAt: "2026-11-29T00:00:00.000Z",
                                lastError: "refused", createdAt: "2026-11-29T00:00:00.000Z", sentAt: nil))
                    }
                }
            }
        }
        try await store.enqueue(messages, delivered: [:], forget: [:])
    }

    /// Without a session every write route answers 401 (API) or redirects to the login (pages).
    @Test func anonymousWritesNeedALogin() async throws {
        try await WebFixture.test { client in
            let nobody = Reporting.Credentials(username: "", token: "", cookie: "", csrf: "")
            for route in Route.allCases {
                var (uri, method, headers, body) = Self.request(route, unit: "370100", who: nobody, index: 0)
                headers[.authorization] = nil
                headers[.cookie] = nil
                let status = try await client.execute(uri: uri, method: method, headers: headers, body: body) { $0.status }
                #expect(uri.hasPrefix("/api/") ? status == .unauthorized : status == .seeOther || status == .forbidden, "\(route): \(status.code)")
            }
        }
    }
}

/// The routes about one's own account: every role may use them, for itself only.
@Suite struct OwnAccountRouteTests {
    @Test(arguments: Role.allCases)
    func everyRoleManagesItsOwnAccount(role: Role) async throws {
        try await WebFixture.withRouter { router, store in
            let me = try await Reporting.user(store, "me-\(role.rawValue)", role, "370100")
            try await Application(router: router).test(.router) { client in
                let token = try await client.execute(uri: "/api/v1/tokens", method: .post, headers: me.bearer, body: Reporting.json(["label": "x"])) {
                    response in
                    #expect(response.status == .created)
                    return Reporting.object(response)["token"] as? String ?? ""
                }
                try await client.execute(
                    uri: "/me/tokens", method: .post, headers: me.browser, body: Reporting.form([("_csrf", me.csrf), ("label", "y")])
                ) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/v1/tokens/000000000000", method: .delete, headers: me.bearer) { #expect($0.status == .notFound) }
                // Someone else's token cannot be revoked, and keeps working.
                let other = try await Reporting.user(store, "other-\(role.rawValue)", .viewer, "370200")
                let theirs = try await client.execute(
                    uri: "/api/v1/tokens", method: .post, headers: other.bearer, body: Reporting.json(["label": "z"])
                ) {
                    Reporting.object($0)["token"] as? String ?? ""
                }
                let theirID = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: other.bearer) {
                    ((try? JSONSerialization.jsonObject(with: Data(buffer: $0.body))) as? [[String: Any]])?.first?["id"] as? String ?? ""
                }
                try await client.execute(uri: "/api/v1/tokens/\(theirID)", method: .delete, headers: me.bearer) { #expect($0.status == .notFound) }
                try await client.execute(
                    uri: "/me/tokens/\(theirID)/revoke", method: .post, headers: me.browser, body: Reporting.form([("_csrf", me.csrf)])
                ) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(theirs)"]) { #expect($0.status == .ok) }
                try await client.execute(
                    uri: "/me/tokens/000000000000/revoke", method: .post, headers: me.browser, body: Reporting.form([("_csrf", me.csrf)])
                ) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/v1/session", method: .delete, headers: [.authorization: "Bearer \(token)"]) {
                    #expect($0.status == .noContent, "an API token is not a session: nothing to end")
                }
                try await client.execute(uri: "/api/v1/session", method: .delete, headers: me.bearer) { #expect($0.status == .noContent) }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: me.bearer) {
                    #expect($0.status == .unauthorized, "the API session ended")
                }
                try await client.execute(
                    uri: "/me/password", method: .post, headers: me.browser,
                    body: Reporting.form([("_csrf", me.csrf), ("current", "wrong-password-1"), ("new", "another-password-1")])
                ) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: "/logout", method: .post, headers: me.browser, body: Reporting.form([("_csrf", me.csrf)])) {
                    #expect($0.status == .seeOther)
                }
                try await client.execute(uri: "/me", method: .get, headers: [.cookie: me.cookie]) {
                    #expect($0.status == .seeOther, "the browser session ended")
                }
            }
        }
    }
}

/// Reading drafts: every role × a user at Jinan itself, another city, the province and one of
/// Jinan's counties, against each place a draft could show — the entry page, the API, the
/// template and reconciliation. A draft shows exactly where the role may read the unit's drafts.
@Suite struct DraftReadMatrixTests {
    enum Seat: String, CaseIterable {
        case own = "370100"
        case otherCity = "370200"
        case province = "370000"
        case county = "370102"
    }

    static func mayReadDrafts(_ role: Role, _ seat: Seat) -> Bool {
        switch role {
        case .admin, .office: true
        case .reporter: seat == .own
        case .reviewer: seat == .own || seat == .province
        case .viewer: false
        }
    }

    static func maySeeStatus(_ role: Role, _ seat: Seat) -> Bool {
        switch role {
        case .admin, .office: true
        case .reporter: seat == .own
        case .reviewer, .viewer: seat == .own || seat == .province
        }
    }

    @Test func draftsShowExactlyWhereTheyMay() async throws {
        try await WebFixture.withRouter { router, store in
            let owner = try await Reporting.user(store, "owner", .reporter, "370100")
            let admin = try await Reporting.user(store, "root", .admin, "370000")
            var seats: [String: Reporting.Credentials] = [:]
            for role in Role.allCases {
                for seat in Seat.allCases {
                    seats["\(role.rawValue)@\(seat.rawValue)"] = try await Reporting.user(
                        store, "\(role.rawValue)-\(seat.rawValue)", role, seat.rawValue)
                }
            }
            let users = seats
            try await Application(router: router).test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: owner.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 77777, "explanation": "草稿"]]])
                ) {
                    #expect($0.status == .ok)
                }
                try await client.execute(
                    uri: "/api/v1/units/370102/periods/2025/observations", method: .post, headers: admin.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 100]]])
                ) {
                    #expect($0.status == .ok)
                }
                for role in Role.allCases {
                    for seat in Seat.allCases {
                        let who = users["\(role.rawValue)@\(seat.rawValue)"]!
                        let drafts = Self.mayReadDrafts(role, seat)
                        let status = Self.maySeeStatus(role, seat)
                        let label = "\(role) at \(seat)"
                        try await client.execute(uri: "/units/370100/periods/2025", method: .get, headers: [.cookie: who.cookie]) { response in
                            #expect(response.status == (status ? .ok : .forbidden), "\(label): entry page \(response.status.code)")
                            #expect(response.text.contains("77777") == drafts, "\(label): entry page shows the draft: \(drafts)")
                        }
                        try await client.execute(uri: "/api/v1/units/370100/periods/2025/observations", method: .get, headers: who.bearer) {
                            response in
                            #expect(response.status == (status ? .ok : .forbidden), "\(label): API \(response.status.code)")
                            #expect(response.text.contains("77777") == drafts, "\(label): API shows the draft: \(drafts)")
                        }
                        try await client.execute(uri: "/units/370100/template.csv", method: .get, headers: [.cookie: who.cookie]) { response in
                            #expect(response.status == (status ? .ok : .forbidden), "\(label): template \(response.status.code)")
                            #expect(response.text.contains("77777") == drafts, "\(label): template shows the draft: \(drafts)")
                        }
                        try await client.execute(uri: "/api/v1/reconciliation?period=2025", method: .get, headers: who.bearer) { response in
                            #expect(response.text.contains("77777") == drafts, "\(label): reconciliation shows the draft: \(drafts)")
                        }
                    }
                }
            }
        }
    }
}
