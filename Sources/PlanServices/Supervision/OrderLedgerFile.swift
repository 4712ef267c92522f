import Foundation
import PlanCore
import PlanFiles

/// The supervision-order ledger (督办台账) as a worksheet: one row per order.
public enum OrderLedgerFile {
    public static let columns = [
        "编号", "承办单位", "督办对象", "督办事项", "督办要求", "级别", "状态", "下发日期", "答复期限", "逾期天数", "已历天数", "销号日期",
        "下发人",
    ]

    public static func xlsx(_ orders: [SupervisionOrder], units: [String: ReportingUnit], today: Day) throws -> Data {
        var rows: [[XLSXWriter.Cell]] = [columns.map { .text($0) }]
        for order in orders {
            let overdue = order.overdueDays(today: today)
            rows.append([
                .text(order.numberZh), .text(units[order.unitCode]?.nameZh ?? order.unitCode),
                .text(order.subject.kind == .other ? order.subject.kind.nameZh : "\(order.subject.kind.nameZh) \(order.subject.id)"),
                .text(order.matter), .text(order.requirement), .text(order.level.nameZh), .text(order.state.nameZh),
                .text(order.issuedOn.description), .text(order.due.description), overdue.map { .number(Double($0)) } ?? .text(""),
                .number(Double(order.age(today: today))), .text(order.closedOn?.description ?? ""), .text(order.issuedBy),
            ])
        }
        return try XLSXWriter.workbook(sheetName: "督办台账", rows: rows)
    }
}
