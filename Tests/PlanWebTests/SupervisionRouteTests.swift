import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Supervision over the pages and the API: the office imports the responsibility list (preview,
/// confirm), a city reports progress with evidence, its reviewer approves, and alerts reach the
/// inbox, where they can be acknowledged.
@Suite struct SupervisionRouteTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/responsibility-list-demo.xlsx")
    static let pdf = Data("%PDF-1.4\n% 证明材料\n%%EOF\n".utf8)

    /// A multipart body with several parts, files among them.
    static func multipart(_ parts: [(name: String, file: String?, data: Data)]) -> (ByteBuffer, String) {
        let boundary = "----plantrack\(UUID().uuidString)"
        var body = Data()
        for part in parts {
            var disposition = "Content-Disposition: form-data; name=\"\(part.name)\""
            if let file = part.file { disposition += "; filename=\"\(file)\"\r\nContent-Type: application/octet-stream" }
            body += Data("--\(boundary)\r\n\(disposition)\r\n\r\n".utf8) + part.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return (ByteBuffer(bytes: body), "multipart/form-data; boundary=\(boundary)")
    }

    @Test func theOfficeImportsACityReportsItsReviewerApprovesAndTheInboxShowsWhatIsLate() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rev = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
            try await Application(router: router).test(.router) { client in
                // The list starts empty and says so.
                try await client.execute(uri: "/tasks", method: .get) { response in
                    #expect(response.status == .ok && response.text.contains("2026 年度尚未导入责任清单"))
                    #expect(!response.text.contains("导入责任清单</a>"), "only the office sees the import")
                }
                // Preview, then confirm.
                let (body, type) = Reporting.multipart(
                    file: try Data(contentsOf: Self.demo), name: "清单.xlsx", fields: [("_csrf", office.csrf), ("mode", "preview"), ("year", "2026")])
                var headers = office.browser
                headers[.contentType] = type
                let staging = try await client.execute(uri: "/tasks/import", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .ok && response.text.contains("预览：以下为导入后的结果，尚未写入。"))
                    #expect(response.text.components(separatedBy: "class=\"outcome-new\"").count - 1 == 8)
                    let marker = try #require(response.text.range(of: "/tasks/import/"))
                    return String(response.text[marker.upperBound...].prefix(32))
                }
                #expect(try await store.tasks(year: nil).isEmpty, "a preview writes nothing")
                try await client.execute(
                    uri: "/tasks/import/\(staging)", method: .post, headers: office.browser, body: Reporting.form([("_csrf", office.csrf)])
                ) { response in
                    #expect(response.status == .ok && response.text.contains("已导入。"))
                }
                #expect(try await store.tasks(year: 2026).count == 8)
                try await client.execute(uri: "/tasks?year=2026", method: .get) { response in
                    let text = response.text
                    #expect(text.contains(">第49条</a>") && text.contains("省能源局：未报告") && text.contains("省发展改革委、山东能源集团"))
                    #expect(text.contains("href=\"/tasks/2026-3\"") && text.contains("2026年10月底 <span class=\"task-overdue\">已逾期</span>"))
                }
                try await client.execute(uri: "/tasks?year=2026&lang=en", method: .get, headers: [.cookie: office.cookie]) { response in
                    #expect(response.text.contains("Responsibility list") && response.text.contains("Shandong Provincial Energy Administration"))
                    #expect(response.text.contains("href=\"/tasks/import\""))
                }
                try await client.execute(uri: "/tasks.xlsx?year=2026", method: .get) { response in
                    #expect(response.headers[.contentDisposition]?.contains("responsibility-list-2026.xlsx") == true)
                    let rows = try XLSXReader.read(Data(buffer: response.body))
                    #expect(rows.count == 9 && rows[0].cells.prefix(6) == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "对应条款"])
                }
                // Jinan reports on task 5 with a file and its milestone, and submits.
                let (progress, progressType) = Self.multipart([
                    ("_csrf", nil, Data(rep.csrf.utf8)), ("unit", nil, Data("370100".utf8)), ("status", nil, Data("behind".utf8)),
                    ("confidence", nil, Data("medium_low".utf8)), ("narrative", nil, Data("支持政策清单已起草，正在征求意见".utf8)),
                    ("milestone", nil, Data("1".utf8)), ("evidence", "会议纪要.pdf", Self.pdf),
                    ("evidence", "现场.png", Data([0x89, 0x50, 0x4E, 0x47, 1, 2])),
                    ("action", nil, Data("submit".utf8)),
                ])
                var progressHeaders = rep.browser
                progressHeaders[.contentType] = progressType
                try await client.execute(uri: "/tasks/2026-5/progress", method: .post, headers: progressHeaders, body: progress) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/tasks/2026-5?done=submitted")
                }
                let report = try #require(try await store.progress(taskIDs: ["2026-5"], units: ["370100"]).first)
                #expect(report.state == .submitted && report.evidence.map(\.fileName) == ["会议纪要.pdf", "现场.png"])
                #expect(try await store.task(id: "2026-5")?.milestones[0].doneOn == Day(year: 2026, month: 11, day: 29))
                // A wrong file type is refused on the page, in the reader's language, and keeps nothing.
                let (bad, badType) = Self.multipart([
                    ("_csrf", nil, Data(rep.csrf.utf8)), ("unit", nil, Data("370100".utf8)), ("status", nil, Data("on_schedule".utf8)),
                    ("confidence", nil, Data("high".utf8)), ("evidence", "run.exe", Data("MZ".utf8)),
                ])
                var badHeaders = rep.browser
                badHeaders[.contentType] = badType
                try await client.execute(uri: "/tasks/2026-2/progress", method: .post, headers: badHeaders, body: bad) { response in
                    #expect(response.status == .forbidden, "Jinan does not lead task 2")
                }
                try await client.execute(uri: "/tasks/2026-5/progress?lang=en", method: .post, headers: badHeaders, body: bad) { response in
                    #expect(response.status == .conflict || response.status == .unprocessableContent)
                }
                #expect(try await store.progress(taskIDs: nil, units: nil).count == 1)
                // The reviewer sees the report and its evidence, and approves.
                let evidenceID = report.evidence[0].id
                try await client.execute(uri: "/tasks/2026-5", method: .get, headers: [.cookie: rev.cookie]) { response in
                    #expect(response.text.contains("支持政策清单已起草") && response.text.contains("/evidence/\(evidenceID)"))
                    #expect(response.text.contains("value=\"approve\""))
                }
                try await client.execute(uri: "/evidence/\(evidenceID)", method: .get, headers: [.cookie: rev.cookie]) { response in
                    #expect(response.status == .ok && Data(buffer: response.body) == Self.pdf)
                    #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename*=UTF-8''") == true)
                    #expect(response.headers[.contentType] == "application/pdf")
                }
                try await client.execute(uri: "/evidence/\(evidenceID)", method: .get) { response in
                    #expect(response.status == .seeOther, "anonymous readers are sent to log in")
                }
                try await client.execute(
                    uri: "/tasks/2026-5/progress/370100/2026-11/review", method: .post, headers: rev.browser,
                    body: Reporting.form([("_csrf", rev.csrf), ("action", "approve")])
                ) { response in
                    #expect(response.status == .seeOther)
                }
                #expect(try await store.progress(taskIDs: ["2026-5"], units: nil).first?.state == .approved)
                try await client.execute(uri: "/tasks/2026-5", method: .get) { response in
                    #expect(response.text.contains("滞后") && !response.text.contains("支持政策清单已起草"), "anyone sees the status, not the narrative")
                }
                // Jinan's unit page lists the task it leads; the article links to its tasks.
                try await client.execute(uri: "/units/370100", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.text.contains("牵头任务") && response.text.contains("href=\"/tasks/2026-5\""))
                }
                try await client.execute(uri: "/articles/73", method: .get) { response in
                    #expect(response.text.contains("href=\"/tasks?article=73\""))
                }
                try await client.execute(uri: "/tasks?article=73", method: .get) { response in
                    #expect(response.text.contains("href=\"/tasks/2026-5\"") && !response.text.contains("href=\"/tasks/2026-1\""))
                }
                // The inbox: Jinan's late figures, its digest; acknowledging is recorded.
                try await client.execute(uri: "/inbox", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.status == .ok && response.text.contains("数据逾期未报") && response.text.contains("2025 期数据逾期未报"))
                    #expect(response.text.contains("济南市") && !response.text.contains("青岛市"))
                    #expect(response.text.contains("红色</span> <b>数据逾期未报</b>") && response.text.contains("自 2026-05-31 起 · 已升级至办公室"))
                    #expect(response.text.contains("value=\"figures|370100|2025\"") && response.text.contains(">确认</button>"))
                }
                try await client.execute(
                    uri: "/inbox/mark", method: .post, headers: rep.browser,
                    body: Reporting.form([("_csrf", rep.csrf), ("key", "figures|370100|2025"), ("mark", "acknowledged")])
                ) { response in
                    #expect(response.status == .seeOther)
                }
                try await client.execute(uri: "/inbox", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.text.contains("已确认"))
                }
                try await client.execute(uri: "/inbox", method: .get) { response in
                    #expect(response.status == .seeOther)
                }
                // The office's inbox covers every unit: five alerts a unit at most, the rest one link away.
                try await client.execute(uri: "/inbox", method: .get, headers: [.cookie: office.cookie]) { response in
                    let digests = response.text.components(separatedBy: "<section class=\"digest\"").count - 1
                    #expect(digests > 1)
                    for section in response.text.components(separatedBy: "<section class=\"digest\"").dropFirst() {
                        #expect(section.components(separatedBy: "<li class=\"alert ").count - 1 <= 5)
                    }
                }
                try await client.execute(uri: "/inbox?unit=370100", method: .get, headers: [.cookie: office.cookie]) { response in
                    #expect(response.text.components(separatedBy: "<section class=\"digest\"").count - 1 == 1 && response.text.contains("济南市"))
                }
            }
        }
    }

    @Test func theAPIImportsReportsUploadsEvidenceReviewsAndListsAlerts() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            let rep = try await Reporting.user(store, "qd.rep", .reporter, "370200")
            let rev = try await Reporting.user(store, "qd.rev", .reviewer, "370200")
            try await Application(router: router).test(.router) { client in
                var headers = office.bearer
                headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                try await client.execute(
                    uri: "/api/v1/tasks/imports?dry_run=true", method: .post, headers: headers,
                    body: ByteBuffer(bytes: try Data(contentsOf: Self.demo))
                ) { response in
                    let object = Reporting.object(response)
                    #expect(response.status == .ok && object["new"] as? Int == 8 && object["dry_run"] as? Bool == true)
                }
                #expect(try await store.tasks(year: nil).isEmpty)
                try await client.execute(
                    uri: "/api/v1/tasks/imports", method: .post, headers: headers, body: ByteBuffer(bytes: try Data(contentsOf: Self.demo))
                ) { response in
                    #expect(Reporting.object(response)["new"] as? Int == 8)
                }
                headers[.contentType] = "text/csv"
                try await client.execute(
                    uri: "/api/v1/tasks/imports", method: .post, headers: headers,
                    body: ByteBuffer(string: "序号,重点任务,牵头单位,完成时限\n9,任务,省教育厅,2026年底\n")
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let problems = Reporting.object(response)["problems"] as? [[String: Any]]
                    #expect(problems?.first?["line"] as? Int == 2 && (problems?.first?["message_zh"] as? String)?.contains("省教育厅") == true)
                }
                try await client.execute(uri: "/api/v1/tasks?year=2026&unit=370200", method: .get) { response in
                    let items = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [[String: Any]]
                    #expect(items?.compactMap { $0["id"] as? String } == ["2026-2", "2026-8"])
                }
                // Qingdao only cooperates on task 2: cooperating units do not report. Give it a task of its own.
                try await client.execute(
                    uri: "/api/v1/tasks/2026-2/progress", method: .post, headers: rep.bearer,
                    body: Reporting.json(["unit": "370200", "status": "on_schedule", "confidence": "high"])
                ) { response in
                    #expect(response.status == .forbidden)
                }
                _ = try await store.saveTasks(
                    [
                        WorkTask(
                            year: 2026, number: "10", position: 10, title: "推进青岛港绿色化改造", article: 31, leadUnits: ["370200"],
                            due: Day(year: 2026, month: 12, day: 10),
                            dueText: "2026-12-10", milestones: [Milestone(due: Day(year: 2026, month: 11, day: 15), deliverable: "完成方案")])
                    ], actor: Actor(username: "office", unitCode: "370000", ip: "t", channel: "api"), dryRun: false, summary: nil)
                try await client.execute(
                    uri: "/api/v1/tasks/2026-10/progress", method: .post, headers: rep.bearer,
                    body: Reporting.json(["unit": "370200", "status": "on_schedule", "confidence": "medium_high", "narrative": "按计划推进"])
                ) { response in
                    #expect(response.status == .ok && Reporting.object(response)["state"] as? String == "draft")
                }
                var pdf = rep.bearer
                pdf[.contentType] = "application/pdf"
                try await client.execute(
                    uri: "/api/v1/tasks/2026-10/progress/370200/2026-11/evidence?filename=%E6%96%B9%E6%A1%88.pdf", method: .post, headers: pdf,
                    body: ByteBuffer(bytes: Self.pdf)
                ) { response in
                    #expect(response.status == .created)
                    let evidence = Reporting.object(response)["evidence"] as? [[String: Any]]
                    #expect(evidence?.first?["file_name"] as? String == "方案.pdf" && evidence?.first?["size"] as? Int == Self.pdf.count)
                }
                try await client.execute(uri: "/api/v1/tasks/2026-10/progress/370200/2026-11/submit", method: .post, headers: rep.bearer) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: "/api/v1/tasks/2026-10/progress/370200/2026-11/approve", method: .post, headers: rep.bearer) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: "/api/v1/tasks/2026-10/progress/370200/2026-11/approve", method: .post, headers: rev.bearer) {
                    #expect($0.status == .ok && Reporting.object($0)["reviewed_by"] as? String == "qd.rev")
                }
                try await client.execute(uri: "/api/v1/tasks/2026-10", method: .get, headers: rev.bearer) { response in
                    let reports = Reporting.object(response)["reports"] as? [[String: Any]]
                    #expect(reports?.first?["state"] as? String == "approved")
                }
                // The overdue milestone (2026-11-15) and the task due in 11 days reach Qingdao's inbox.
                try await client.execute(uri: "/api/v1/inbox", method: .get, headers: rep.bearer) { response in
                    let digests = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [[String: Any]]
                    #expect(digests?.count == 1 && digests?.first?["unit"] as? String == "370200")
                    let keys = (digests?.first?["alerts"] as? [[String: Any]])?.compactMap { $0["key"] as? String } ?? []
                    #expect(keys.contains("milestone_overdue|370200|2026-10#1") && keys.contains("task_due|370200|2026-10"))
                }
                try await client.execute(
                    uri: "/api/v1/inbox/marks", method: .post, headers: rep.bearer,
                    body: Reporting.json(["key": "milestone_overdue|370200|2026-10#1", "mark": "acknowledged"])
                ) { response in
                    #expect(response.status == .noContent)
                }
                try await client.execute(
                    uri: "/api/v1/inbox/marks", method: .post, headers: rep.bearer, body: Reporting.json(["key": "x", "mark": "later"])
                ) { response in
                    #expect(response.status == .badRequest)
                }
                #expect(try await store.alertMarks().map(\.key) == ["milestone_overdue|370200|2026-10#1"])
            }
        }
    }
}
