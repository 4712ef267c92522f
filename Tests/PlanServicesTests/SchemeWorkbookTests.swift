import Foundation
import PlanCatalog
import PlanCore
import PlanFiles
import PlanServices
import Testing

/// A scheme as a workbook: written from a scheme and read back into the same scheme; a workbook
/// with mistakes comes back with every one of them.
@Suite struct SchemeWorkbookTests {
    static let plan = try! Catalog.bundled()

    @Test func aSchemeWrittenAsAWorkbookReadsBackTheSame() throws {
        let yaml =
            try AssessmentServiceTests.exampleScheme()
            .replacingOccurrences(of: "{target: A008-1, points: 8}", with: "{target: A008-1, points: 8, units: {\"370100\": 0.52, \"370200\": 0.61}}")
            .replacingOccurrences(of: "{target: A070-1, points: 8}", with: "{target: A070-1, points: 8, milestones: {2024: 36.5}}")
            + "\ndiligence: {points: 5}\nassessed: [cities, dept-science]\nunit_targets: {dept-science: [C02-2, A003-1]}\n"
        let scheme = try AssessmentSchemeFile.read(yaml, file: "s", plan: Self.plan)
        let data = try SchemeWorkbook.xlsx(scheme, plan: Self.plan)
        let rows = try XLSXReader.read(data)
        #expect(rows.first?.cells == ["方案名称", scheme.name])
        let back = try AssessmentSchemeFile.read(try SchemeWorkbook.yaml(data, plan: Self.plan), file: "s", plan: Self.plan)
        #expect(back == scheme)
        #expect(back.items.first { $0.targetID == "A008-1" }?.unitValues == ["370100": 0.52, "370200": 0.61])
    }

    @Test func aWorkbookWithMistakesNamesEachOne() throws {
        func sheet(_ rows: [[String]]) throws -> Data { try XLSXWriter.workbook(sheetName: "s", rows: rows.map { $0.map { .text($0) } }) }
        let bad = try sheet([
            ["方案名称", "试"], ["一票否决", "也许"], ["超额奖励系数", "三成"], ["奇怪的设置", "1"],
            ["目标编号", "分值", "节点值（2024）", "济南市", "火星市"],
            ["C02-2", "60", "2.4", "x"], ["A003-1", "四十"],
        ])
        do {
            _ = try SchemeWorkbook.yaml(bad, plan: Self.plan)
            Issue.record("a bad workbook was read")
        } catch ServiceError.invalid(_, _, let problems, _) {
            let text = problems.map(\.messageZh).joined(separator: "\n")
            #expect(problems.count == 6, "\(text)")
            for part in ["一票否决", "超额奖励系数", "奇怪的设置", "火星市", "370100 的目标值「x」", "A003-1 的分值"] {
                #expect(text.contains(part), "\(part) in \(text)")
            }
        }
        #expect(throws: ServiceError.self, "no table") { _ = try SchemeWorkbook.yaml(try sheet([["方案名称", "试"]]), plan: Self.plan) }
        #expect(throws: ServiceError.self, "not a workbook") { _ = try SchemeWorkbook.yaml(Data("name: x".utf8), plan: Self.plan) }
    }
}
