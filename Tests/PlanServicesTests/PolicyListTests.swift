import Foundation
import PlanCatalog
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import Testing

/// The policy list: its file in both encodings and both formats, every problem by line, the
/// office's import and editing, and the alerts of policies past their planned time.
@Suite struct PolicyListTests {
    static let examples = ResponsibilityFileTests.examples

    static func resolve(_ csv: String) throws -> [(row: PolicyFile.Row, policy: Policy?, problems: [RowProblem])] {
        let (_, rows) = try PolicyFile.parse(Data(csv.utf8))
        return PolicyFile.policies(
            rows, units: ResponsibilityFileTests.Bundled.units, articleCount: ResponsibilityFileTests.Bundled.plan.articles.count)
    }

    @Test func theDemoReadsTheSameFromXLSXAndGBKCSV() throws {
        let xlsx = try PolicyFile.parse(try Data(contentsOf: Self.examples.appendingPathComponent("policy-list-demo.xlsx")))
        let text = try String(contentsOf: Self.examples.appendingPathComponent("policy-list-demo.csv"), encoding: .utf8)
        let gbk = try PolicyFile.parse(try #require(text.data(using: ResponsibilityFileTests.gb18030)))
        #expect(xlsx.format == .xlsx && xlsx.rows.count == 6 && xlsx.rows[0].line == 3)
        #expect(xlsx.rows.map(\.cells) == gbk.rows.map(\.cells))
        let policies = PolicyFile.policies(
            xlsx.rows, units: ResponsibilityFileTests.Bundled.units, articleCount: ResponsibilityFileTests.Bundled.plan.articles.count)
        #expect(policies.allSatisfy { $0.problems.isEmpty }, "\(policies.flatMap(\.problems).map(\.messageZh))")
        let first = try #require(policies[0].policy)
        #expect(first.issuers == ["dept-energy", "dept-drc"] && first.status == .issued && first.documentNumber == "示例〔2026〕1号")
        #expect(first.planned == Day(year: 2026, month: 3, day: 31) && first.issuedOn == Day(year: 2026, month: 3, day: 20) && first.articles == [49])
        #expect(policies[3].policy?.articles == [20, 21] && policies[4].policy?.issuers == ["370100"])
        #expect(policies[5].policy?.status == .expired)
        // The export reads back as the same list.
        let exported = try PolicyFile.parse(try PolicyFile.xlsx(policies.compactMap(\.policy), units: ResponsibilityFileTests.Bundled.units))
        let again = PolicyFile.policies(
            exported.rows, units: ResponsibilityFileTests.Bundled.units, articleCount: ResponsibilityFileTests.Bundled.plan.articles.count)
        #expect(again.map(\.policy) == policies.map(\.policy))
    }

    @Test func everyProblemIsNamedWithItsLine() throws {
        let rows = try Self.resolve(
            """
            序号,政策名称,发文单位,文号,对应条款,计划出台时间,实际印发时间,状态,链接
            1,政策甲,省能源局,,第49条,2026年6月底,,已印发,
            1,政策乙,省教育厅,,第999条,明年,,审批中,ftp://x
            a b,,,,,2026-01-01,,计划,
            """)
        #expect(rows[0].problems.map(\.messageZh) == ["已印发的政策须填写文号", "已印发的政策须填写实际印发时间"])
        let second = rows[1].problems.map(\.messageZh).joined(separator: " | ")
        for part in ["序号 1 重复", "省教育厅", "第 1 至", "明年", "审批中", "ftp://x"] { #expect(second.contains(part), "\(second)") }
        #expect(rows[1].problems.allSatisfy { $0.line == 3 })
        #expect(rows[2].problems.map(\.messageZh).contains { $0.hasPrefix("序号「a b」无效") })
        #expect(rows[2].problems.map(\.messageZh).contains("政策名称为空") && rows[2].problems.map(\.messageZh).contains("发文单位为空"))
        #expect(throws: ReportFileError.self) { _ = try PolicyFile.parse(Data("序号,名称\n1,x\n".utf8)) }
    }

    @Test func theOfficeImportsEditsAndLatePoliciesAlert() async throws {
        try await ServicesFixture.withServices { services in
            let s = services.supervision
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let reporter = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let demo = try Data(contentsOf: Self.examples.appendingPathComponent("policy-list-demo.xlsx"))
            await #expect(throws: ServiceError.self) {
                _ = try await s.importPolicies(
                    demo, sheet: nil, fileName: "d.xlsx", identity: reporter, actor: reporter.actor(ip: "t"), dryRun: false)
            }
            let dry = try await s.importPolicies(demo, sheet: nil, fileName: "d.xlsx", identity: office, actor: office.actor(ip: "t"), dryRun: true)
            #expect(dry.count(.new) == 6)
            #expect(try await s.policies().isEmpty, "a preview keeps nothing")
            _ = try await s.importPolicies(demo, sheet: nil, fileName: "d.xlsx", identity: office, actor: office.actor(ip: "t"), dryRun: false)
            #expect(try await s.policies().map(\.id) == ["1", "2", "3", "4", "5", "6"])
            #expect(try await s.policies(status: .drafting).map(\.id) == ["2", "5"])
            #expect(try await s.policies(article: 21).map(\.id) == ["4"])
            let again = try await s.importPolicies(
                demo, sheet: nil, fileName: "d.xlsx", identity: office, actor: office.actor(ip: "t"), dryRun: false)
            #expect(again.count(.unchanged) == 6)
            // On 2026-11-29 policies 2 (planned for June), 3 (September) and 5 (April) are late; 4 (December) is not due yet.
            let alerts = try await s.allAlerts().filter { $0.kind == .policyOverdue || $0.kind == .policyDueSoon }
            #expect(
                Set(alerts.map(\.id)) == ["policy_overdue|dept-ecology|2", "policy_overdue|dept-industry|3", "policy_overdue|370100|5"],
                "\(alerts.map(\.id))")
            #expect(
                try await s.inbox(reporter).flatMap(\.items).contains { $0.alert.id == "policy_overdue|370100|5" && $0.alert.link == "/policies/5" })
            // Issuing it ends the alert; the form checks like an import.
            var form = SupervisionService.PolicyForm(try await s.policy("5"), units: try await services.reporting.tree().units)
            form.cells["status"] = "已印发"
            await #expect(throws: ServiceError.self) {
                _ = try await s.savePolicy(form, editing: "5", identity: office, actor: office.actor(ip: "t"))
            }
            form.cells["documentNumber"] = "济示例〔2026〕3号"
            form.cells["issued"] = "2026-11-20"
            let issued = try await s.savePolicy(form, editing: "5", identity: office, actor: office.actor(ip: "t"))
            #expect(issued.status == .issued && issued.position == 5 && issued.issuers == ["370100"])
            #expect(try await s.allAlerts().contains { $0.id == "policy_overdue|370100|5" } == false)
            // A policy an order is about stays; another can go.
            _ = try await s.issueOrder(
                .init(unit: "dept-ecology", subject: "policy:2", matter: "评价办法逾期未出台", requirement: "说明原因并明确出台时间", level: "key", due: "2026-12-10"),
                identity: office, actor: office.actor(ip: "t"))
            await #expect(throws: ServiceError.self) { try await s.deletePolicy("2", identity: office, actor: office.actor(ip: "t")) }
            try await s.deletePolicy("6", identity: office, actor: office.actor(ip: "t"))
            #expect(try await s.policies().map(\.id) == ["1", "2", "3", "4", "5"])
            let audit = try await services.store.audit(AuditQuery(action: "policy.")).entries.map(\.action)
            #expect(audit.filter { $0 == "policy.create" }.count == 6 && audit.contains("policy.change") && audit.contains("policy.delete"))
            #expect(try await services.store.audit(AuditQuery(action: "policies.import")).total == 2, "a preview leaves no trace")
        }
    }
}
