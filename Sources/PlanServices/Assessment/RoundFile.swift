import Foundation
import PlanCore
import PlanFiles

/// A round's results as a table: one row per unit with its rank and rank band, so that the
/// published ranking can be read and recomputed elsewhere.
public enum RoundFile {
    public static let columns = ["名次", "单位代码", "单位", "总分", "定量得分", "定性得分", "等次", "一票否决", "名次区间下限(P5)", "名次区间上限(P95)"]

    static func rows(_ r: AssessmentService.RoundResults, names: [String: String]) -> [[XLSXWriter.Cell]] {
        let ranks = Dictionary(uniqueKeysWithValues: r.ranking.map { ($0.unit, $0) })
        func n(_ x: Double) -> XLSXWriter.Cell { .number((x * 1000).rounded() / 1000) }
        return r.results.map { result in
            let rank = ranks[result.unit]
            return [
                rank.map { .number(Double($0.rank)) } ?? .text(""), .text(result.unit), .text(names[result.unit] ?? result.unit), n(result.total),
                n(result.quantitative), n(result.qualitative), .text(result.grade.nameZh), .text(result.vetoReasons.joined(separator: " ")),
                rank.map { n($0.rankP5) } ?? .text(""), rank.map { n($0.rankP95) } ?? .text(""),
            ]
        }
    }

    public static func xlsx(_ r: AssessmentService.RoundResults, names: [String: String]) throws -> Data {
        try XLSXWriter.workbook(sheetName: "考核结果", rows: [columns.map { .text($0) }] + rows(r, names: names))
    }

    /// The same table as CSV (UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8).
    public static func csv(_ r: AssessmentService.RoundResults, names: [String: String]) -> Data {
        csvData([columns.map { .text($0) }] + rows(r, names: names))
    }

    /// Rows of cells as CSV: UTF-8 with a byte-order mark, CRLF line ends, quoted where needed.
    static func csvData(_ rows: [[XLSXWriter.Cell]]) -> Data {
        func field(_ cell: XLSXWriter.Cell) -> String {
            switch cell {
            case .number(let x): PlainNumber.format(x)
            case .text(let t): ReportFile.csvField(t)
            }
        }
        let lines = rows.map { $0.map(field).joined(separator: ",") }
        return Data("\u{FEFF}".utf8) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
