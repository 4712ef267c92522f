import Foundation
import PlanCore
import PlanFiles

/// Reporting diligence as a table: one row per unit, with the counts behind every share so that
/// anyone can recompute the score.
public enum DiligenceFile {
    public static let columns = [
        "单位代码", "单位", "得分", "应报事项", "按时报送", "及时率", "应有项", "实有项", "完整率", "已报数据", "截止后修改", "异常值", "进展报告",
        "附佐证材料",
    ]

    /// The cells of one row, numbers as numbers (a share as a fraction, blank when nothing was counted).
    public static func cells(_ row: SupervisionService.DiligenceRow) -> [XLSXWriter.Cell] {
        let c = row.counts
        func n(_ x: Int) -> XLSXWriter.Cell { .number(Double(x)) }
        func share(_ x: Double?) -> XLSXWriter.Cell { x.map { .number(($0 * 10_000).rounded() / 10_000) } ?? .text("") }
        return [
            .text(row.unit.code), .text(row.unit.nameZh), row.score.map { .number(($0 * 10).rounded() / 10) } ?? .text(""), n(c.due), n(c.onTime),
            share(c.timeliness), n(c.expected), n(c.present), share(c.completeness), n(c.values), n(c.revisedLate), n(c.flagged), n(c.reports),
            n(c.withEvidence),
        ]
    }

    public static func xlsx(_ rows: [SupervisionService.DiligenceRow]) throws -> Data {
        try XLSXWriter.workbook(sheetName: "报送质量", rows: [columns.map { .text($0) }] + rows.map(cells))
    }
}
