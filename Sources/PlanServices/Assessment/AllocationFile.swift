import Foundation
import PlanCore
import PlanFiles

/// A pool's allocation as a table: one row per unit with the calculation (weight, floor, exact
/// share, amount) and a last row with the sums, so that it can be recomputed elsewhere.
public enum AllocationFile {
    public static func columns(_ pool: IncentivePool) -> [String] {
        ["单位代码", "单位", "总分", "等次", "一票否决", "权重", "保底", "精确份额", "分配（\(pool.resource.unitZh)）", "封顶", "说明"]
    }

    static func rows(_ a: AssessmentService.PoolAllocation, names: [String: String]) -> [[XLSXWriter.Cell]] {
        func n(_ x: Double) -> XLSXWriter.Cell { .number((x * 10000).rounded() / 10000) }
        let lines = a.lines.map { l -> [XLSXWriter.Cell] in
            [
                .text(l.unit), .text(names[l.unit] ?? l.unit), n(l.total), .text(l.grade), .text(l.vetoed ? "是" : ""), n(l.weight), n(l.floorPart),
                n(l.exact), .number(l.amount), .text(l.capped ? "是" : ""), .text(l.noteZh),
            ]
        }
        let sum = a.lines.reduce(0) { $0 + $1.amount }
        let step = pow(10, Double(a.pool.decimals))
        let total: [XLSXWriter.Cell] = [
            .text("合计"), .text(a.pool.name), .text(""), .text(""), .text(""), .text(""), .text(""), .text(""),
            .number((sum * step).rounded() / step), .text(""), .text(a.pool.rule.text(zh: true)),
        ]
        return lines + [total]
    }

    public static func xlsx(_ a: AssessmentService.PoolAllocation, names: [String: String]) throws -> Data {
        try XLSXWriter.workbook(sheetName: "激励分配", rows: [columns(a.pool).map { .text($0) }] + rows(a, names: names))
    }

    /// The same table as CSV (UTF-8 with a byte-order mark).
    public static func csv(_ a: AssessmentService.PoolAllocation, names: [String: String]) -> Data {
        RoundFile.csvData([columns(a.pool).map { .text($0) }] + rows(a, names: names))
    }
}
