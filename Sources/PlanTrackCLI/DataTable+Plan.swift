import Foundation
import PlanCatalog
import PlanCore

extension DataTable {
    /// The columns of a target list, in this order; `plantrack targets --format csv` writes them
    /// and `plantrack evaluate --targets` reads them.
    public static let targetColumns = TargetCSVFile.columns

    /// A target list as a table.
    public static func targets(_ targets: [Target]) -> DataTable {
        DataTable(
            columns: targetColumns,
            rows: targets.map { t in
                [
                    .text(t.id), .text(t.source.code), .text(t.indicatorKey), .text(t.regionCode),
                    .text(t.kind.code), .number(t.value), .number(t.valueHigh), .text(t.unit),
                    .integer(t.baseYear), .number(t.baseValue), .text(t.deadline.code),
                    .integer(t.direction.rawValue), .text(t.form.rawValue), .bool(t.binding),
                    .number(t.tolerance), .text(t.quote), .text(Assumption.joined(t.assumptions)),
                ]
            })
    }

    /// The columns of a region list, in this order.
    public static let regionColumns = ["code", "name_zh", "name_en", "level", "parent_code", "circle"]

    /// A region list as a table.
    public static func regions(_ regions: [Region]) -> DataTable {
        DataTable(
            columns: regionColumns,
            rows: regions.map { r in
                [
                    .text(r.code), .text(r.nameZh), .text(r.nameEn), .text(r.level.rawValue),
                    .text(r.parentCode ?? ""), .text(r.circle ?? ""),
                ]
            })
    }

    /// The columns of an indicator list, in this order.
    public static let indicatorColumns = [
        "key", "name_zh", "name_en", "unit", "polarity", "form", "aggregation", "definition_zh", "definition_en", "formula",
    ]

    /// An indicator list as a table.
    public static func indicators(_ indicators: [Indicator]) -> DataTable {
        DataTable(
            columns: indicatorColumns,
            rows: indicators.map { i in
                [
                    .text(i.key), .text(i.nameZh), .text(i.nameEn), .text(i.unit), .integer(i.polarity.rawValue),
                    .text(i.form.rawValue), .text(i.aggregation.rawValue), .text(i.definitionZh), .text(i.definitionEn),
                    .text(i.formula?.description ?? ""),
                ]
            })
    }
}
