import Foundation
import PlanCore
import PlanFiles

/// A policy list (政策清单) as offices exchange it: one row per policy with the columns 序号,
/// 政策名称, 发文单位, 计划出台时间, 状态, and optionally 文号, 对应条款, 实际印发时间, 链接 and 备注.
/// The header may sit below a title row; CSV (UTF-8 or GBK) or XLSX.
public enum PolicyFile {
    public static let columns: [ListSheet.Column] = [
        ("number", "序号", ["编号", "no"], true),
        ("title", "政策名称", ["政策文件", "文件名称", "政策", "policy", "title"], true),
        ("issuers", "发文单位", ["制定单位", "牵头单位", "责任单位", "issuing units", "issuer"], true),
        ("documentNumber", "文号", ["发文字号", "document number"], false),
        ("articles", "对应条款", ["条款", "article", "articles"], false),
        ("planned", "计划出台时间", ["计划时间", "出台时限", "完成时限", "planned"], true),
        ("issued", "实际印发时间", ["印发时间", "出台时间", "发布时间", "issued"], false),
        ("status", "状态", ["进展", "进展情况", "status"], true),
        ("link", "链接", ["网址", "原文链接", "link", "url"], false),
        ("note", "备注", ["说明", "note"], false),
    ]

    public typealias Row = ListSheet.Row

    public static func parse(_ data: Data, sheet: String? = nil) throws(ReportFileError) -> (format: ReportFile.Format, rows: [Row]) {
        try ListSheet.parse(data, sheet: sheet, columns: columns, anchors: ["title", "issuers"])
    }

    /// Resolves rows into policies; a row with problems gives none and its problems instead.
    public static func policies(_ rows: [Row], units: [ReportingUnit], articleCount: Int) -> [(row: Row, policy: Policy?, problems: [RowProblem])] {
        let matcher = UnitMatcher(units)
        var seen: Set<String> = []
        return rows.enumerated().map { position, row in
            var problems: [RowProblem] = []
            func problem(_ zh: String, _ en: String) { problems.append(RowProblem(line: row.line, indicatorKey: nil, message: en, messageZh: zh)) }
            let number = row["number"]
            if !WorkTask.validNumber(number) {
                problem("序号「\(number)」无效：只能由字母、数字、点和短横组成，最多 20 个字符", "Number “\(number)” is invalid: letters, digits, dots and dashes, at most 20")
            } else if !seen.insert(number).inserted {
                problem("序号 \(number) 重复", "Number \(number) appears twice")
            }
            let title = row["title"]
            if title.isEmpty { problem("政策名称为空", "The policy's title is empty") }
            if title.count > 500 { problem("政策名称过长（\(title.count) 字，上限 500 字）", "The title is too long (\(title.count) characters, at most 500)") }
            let issuers = ListSheet.units(row["issuers"], label: "发文单位", matcher: matcher, problem: problem)
            if UnitMatcher.split(row["issuers"]).isEmpty { problem("发文单位为空", "No issuing unit") }
            var articles: [Int] = []
            for part in UnitMatcher.split(row["articles"]) {
                if let n = ListSheet.article(part, articleCount: articleCount, problem: problem), !articles.contains(n) { articles.append(n) }
            }
            var planned: Day?
            switch DueText.read(row["planned"]) {
            case .day(let day)?: planned = day
            case .ongoing?: planned = nil
            case nil:
                problem(
                    "无法识别计划出台时间「\(row["planned"])」，请写成 2026-06-30、2026年6月底 或 长期",
                    "Cannot read the planned time “\(row["planned"])”: write 2026-06-30, 2026年6月底 or 长期")
            }
            var issued: Day?
            if !row["issued"].isEmpty {
                if case .day(let day)? = DueText.read(row["issued"]) {
                    issued = day
                } else {
                    problem("无法识别实际印发时间「\(row["issued"])」，请写成 2026-06-30", "Cannot read the issue day “\(row["issued"])”: write 2026-06-30")
                }
            }
            let status = PolicyStatus.read(row["status"])
            if let status {
                for p in status.problems(documentNumber: row["documentNumber"], issuedOn: issued) where issued != nil || row["issued"].isEmpty {
                    problem(p.zh, p.en)
                }
            } else {
                problem(
                    "状态「\(row["status"])」无效，应为 计划制定、起草中、已印发 或 已废止",
                    "Status “\(row["status"])” is not one of planned, drafting, issued, expired")
            }
            let link = row["link"]
            if !link.isEmpty, !(link.hasPrefix("https://") || link.hasPrefix("http://")) || link.contains(where: \.isWhitespace) {
                problem("链接「\(link)」应为 http:// 或 https:// 开头的网址", "Link “\(link)” is not an http(s) address")
            }
            guard problems.isEmpty, let status else { return (row, nil, problems) }
            return (
                row,
                Policy(
                    number: number, position: position + 1, title: title, issuers: issuers, documentNumber: row["documentNumber"], articles: articles,
                    planned: planned, plannedText: row["planned"], issuedOn: issued, status: status, link: link, note: row["note"]), []
            )
        }
    }

    /// The list as an XLSX workbook in the same layout, units by their short names.
    public static func xlsx(_ policies: [Policy], units: [ReportingUnit]) throws -> Data {
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[XLSXWriter.Cell]] = [columns.map { .text($0.zh) }]
        for p in policies {
            rows.append([
                .text(p.number), .text(p.title),
                .text(p.issuers.map { code in byCode[code].map { $0.aliases.first ?? $0.nameZh } ?? code }.joined(separator: "、")),
                .text(p.documentNumber), .text(p.articles.map { "第\($0)条" }.joined(separator: "、")), .text(p.plannedText),
                .text(p.issuedOn?.description ?? ""), .text(p.status.nameZh), .text(p.link), .text(p.note),
            ])
        }
        return try XLSXWriter.workbook(sheetName: "政策清单", rows: rows)
    }
}
