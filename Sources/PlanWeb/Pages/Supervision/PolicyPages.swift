import Foundation
import PlanCore
import PlanServices
import PlanStore

/// How policy pages name things in the reader's language.
enum PolicyNames {
    static func status(_ s: PolicyStatus, _ language: Language) -> String { language.t(s.nameZh, s.nameEn) }

    static func articles(_ numbers: [Int], _ language: Language) -> String {
        numbers.map { language.t("第\($0)条", "Art. \($0)") }.joined(separator: language == .zh ? "、" : ", ")
    }

    /// The planned time as the list wrote it; in English, the day or "ongoing".
    static func planned(_ p: Policy, _ language: Language) -> String {
        if language == .zh { return p.plannedText.isEmpty ? (p.planned?.description ?? "长期") : p.plannedText }
        return p.planned?.description ?? "Ongoing"
    }
}

/// The policy list (政策清单): every policy with its issuing units, articles, planned and actual
/// issue and status, filtered by status or article.
struct PolicyListPage {
    struct Model {
        var heading, intro: String
        var tabs: [OrderListPage.Tab]
        var canManage: Bool
        var importLabel, newLabel, exportLabel, empty: String
        var rows: [Row]
        var hasRows: Bool
        var articleFilter: String?
        var clearFilter: String
        var col: [String: String]
    }

    struct Row {
        var id, number, title, issuers, documentNumber, articles, planned, issued, status, statusCode: String
        var late: Bool
        var lateText: String
    }

    static func model(
        policies: [Policy], all: [Policy], status: PolicyStatus?, article: Int?, canManage: Bool, today: Day, tree: UnitTree, language: Language
    ) -> Model {
        let t = language.t
        let suffix = article.map { "&article=\($0)" } ?? ""
        var tabs = [
            OrderListPage.Tab(label: "\(t("全部", "All")) \(all.count)", href: "/policies?status=all\(suffix)", current: status == nil)
        ]
        for s in PolicyStatus.allCases {
            tabs.append(
                OrderListPage.Tab(
                    label: "\(PolicyNames.status(s, language)) \(all.filter { $0.status == s }.count)",
                    href: "/policies?status=\(s.rawValue)\(suffix)",
                    current: s == status))
        }
        return Model(
            heading: t("政策清单", "Policy list"),
            intro: t(
                "规划各条款需要出台的政策：发文单位、计划出台时间、文号和实际印发时间。逾期未出台的政策向牵头发文单位发出预警。",
                "The policies the plan's articles need: issuing units, planned time, document number and issue day. A policy past its planned time raises an alert for its lead issuing unit."
            ), tabs: tabs, canManage: canManage, importLabel: t("导入政策清单", "Import a list"), newLabel: t("新增政策", "Add a policy"),
            exportLabel: t("导出 XLSX", "Export XLSX"), empty: t("政策清单为空。", "The policy list is empty."),
            rows: policies.map { p in
                Row(
                    id: p.id, number: p.number, title: p.title, issuers: TaskNames.units(p.issuers, tree: tree, language: language),
                    documentNumber: p.documentNumber, articles: PolicyNames.articles(p.articles, language), planned: PolicyNames.planned(p, language),
                    issued: p.issuedOn?.description ?? "", status: PolicyNames.status(p.status, language), statusCode: p.status.rawValue,
                    late: p.isLate(today: today), lateText: t("逾期", "late"))
            }, hasRows: !policies.isEmpty, articleFilter: article.map { t("第\($0)条的政策", "Policies of article \($0)") },
            clearFilter: t("全部政策", "All policies"),
            col: [
                "number": t("序号", "No."), "title": t("政策名称", "Policy"), "issuers": t("发文单位", "Issuing units"),
                "documentNumber": t("文号", "Document no."), "articles": t("对应条款", "Articles"), "planned": t("计划出台", "Planned"),
                "issued": t("实际印发", "Issued"), "status": t("状态", "Status"),
            ])
    }
}

/// One policy, with the steps the office may take.
struct PolicyPage {
    struct Model {
        var heading, id, csrf, title: String
        var message, error: String?
        var facts: [OrderPage.Fact]
        var canManage: Bool
        var editLabel, orderLabel, deleteLabel, deleteConfirm, listLabel: String
    }

    static func model(
        policy p: Policy, canManage: Bool, csrf: String, today: Day, tree: UnitTree, message: String?, error: String?, language: Language
    )
        -> Model
    {
        let t = language.t
        var facts = [
            OrderPage.Fact(
                label: t("发文单位", "Issuing units"), value: TaskNames.units(p.issuers, tree: tree, language: language), overdue: false),
            OrderPage.Fact(label: t("状态", "Status"), value: PolicyNames.status(p.status, language), overdue: false),
            OrderPage.Fact(
                label: t("计划出台时间", "Planned"), value: PolicyNames.planned(p, language) + (p.isLate(today: today) ? t(" · 逾期", " · late") : ""),
                overdue: p.isLate(today: today), userText: language == .zh),
        ]
        if !p.documentNumber.isEmpty {
            facts.append(OrderPage.Fact(label: t("文号", "Document no."), value: p.documentNumber, overdue: false, userText: true))
        }
        if let issued = p.issuedOn { facts.append(OrderPage.Fact(label: t("实际印发时间", "Issued on"), value: issued.description, overdue: false)) }
        for n in p.articles {
            facts.append(OrderPage.Fact(label: t("对应条款", "Article"), value: t("第\(n)条", "Article \(n)"), href: "/articles/\(n)", overdue: false))
        }
        if !p.link.isEmpty { facts.append(OrderPage.Fact(label: t("原文链接", "Link"), value: p.link, href: p.link, overdue: false, userText: true)) }
        if !p.note.isEmpty { facts.append(OrderPage.Fact(label: t("备注", "Note"), value: p.note, overdue: false, userText: true)) }
        return Model(
            heading: t("政策 \(p.number)", "Policy \(p.number)"), id: p.id, csrf: csrf, title: p.title, message: message, error: error, facts: facts,
            canManage: canManage, editLabel: t("编辑政策", "Edit the policy"), orderLabel: t("就此政策下发督办单", "Issue an order about this policy"),
            deleteLabel: t("删除政策", "Delete the policy"),
            deleteConfirm: t("仅当没有督办单针对该政策时可删除。", "Only a policy no supervision order is about can be deleted."),
            listLabel: t("政策清单", "Policy list"))
    }
}

/// Adding or editing a policy: the fields of a list row, in the task form's template.
enum PolicyEditPage {
    static func model(form: SupervisionService.PolicyForm, editing id: String?, csrf: String, error: String?, language: Language)
        -> TaskEditPage.Model
    {
        let t = language.t
        func field(_ name: String, _ label: String, hint: String = "", multiline: Bool = false, readOnly: Bool = false, required: Bool = false)
            -> TaskEditPage.Field
        {
            TaskEditPage.Field(
                name: name, label: label, value: form.cells[name] ?? "", hint: hint.isEmpty ? nil : hint, multiline: multiline, readOnly: readOnly,
                required: required)
        }
        return TaskEditPage.Model(
            heading: id == nil ? t("新增政策", "Add a policy") : t("编辑政策 \(id ?? "")", "Edit policy \(id ?? "")"), csrf: csrf,
            action: id.map { "/policies/\($0)/edit" } ?? "/policies/new", error: error,
            fields: [
                field(
                    "number", t("序号", "Number"), hint: t("字母、数字、点或短横，如 12", "Letters, digits, dots or dashes, e.g. 12"), readOnly: id != nil,
                    required: true),
                field("title", t("政策名称", "Policy"), multiline: true, required: true),
                field(
                    "issuers", t("发文单位", "Issuing units"), hint: t("联合发文用顿号分隔，牵头单位在前", "Joint documents: the lead unit first, separated by commas"),
                    required: true),
                field("status", t("状态", "Status"), hint: t("计划制定、起草中、已印发 或 已废止", "planned, drafting, issued or expired"), required: true),
                field("planned", t("计划出台时间", "Planned"), hint: t("如 2026-06-30、2026年6月底 或 长期", "e.g. 2026-06-30"), required: true),
                field("documentNumber", t("文号", "Document number"), hint: t("已印发的政策必填，如 鲁政办字〔2023〕12号", "Required once issued")),
                field("issued", t("实际印发时间", "Issued on"), hint: t("已印发的政策必填", "Required once issued")),
                field("articles", t("对应条款", "Articles"), hint: t("条款号，多个用顿号分隔，如 12、15", "Article numbers, e.g. 12, 15")),
                field("link", t("原文链接", "Link"), hint: t("http:// 或 https:// 开头", "An http(s) address")),
                field("note", t("备注", "Note"), multiline: true),
            ], saveLabel: t("保存", "Save"), cancelHref: id.map { "/policies/\($0)" } ?? "/policies", cancelLabel: t("取消", "Cancel"))
    }
}

extension TaskImportPage {
    /// Importing a policy list, in the responsibility list's import template.
    static func policyModel(
        csrf: String, result: SupervisionService.PolicyImport? = nil, error: String = "", stagingID: String? = nil, tree: UnitTree, language: Language
    ) -> Model {
        let t = language.t
        var rows: [Row] = []
        var summary: [Count] = []
        if let result {
            for (i, entry) in result.rows.enumerated() {
                let code = !entry.problems.isEmpty ? "error" : result.outcomes?[i].rawValue ?? "valid"
                rows.append(
                    Row(
                        line: String(entry.row.line), number: entry.row["number"], title: entry.row["title"],
                        lead: entry.policy.map { TaskNames.units($0.issuers, tree: tree, language: language) } ?? entry.row["issuers"],
                        due: entry.policy.map { PolicyNames.status($0.status, language) } ?? entry.row["status"],
                        outcome: ImportPage.outcomeName(code, language), outcomeCode: code,
                        message: entry.problems.map { t($0.messageZh, $0.message) }.joined(separator: t("；", "; "))))
            }
            summary = Self.summary(result.outcomes, problemRows: result.rows.filter { !$0.problems.isEmpty }.count, language: language)
        }
        return Model(
            heading: t("导入政策清单", "Import a policy list"),
            intro: t(
                "XLSX 或 CSV（UTF-8 或 GBK），列为：序号、政策名称、发文单位、计划出台时间、状态；可加文号、对应条款、实际印发时间、链接、备注。先预览，确认后写入。",
                "XLSX or CSV (UTF-8 or GBK) in the layout of the exported list, with Chinese or English headers: number, title, issuing units, planned, status, and optionally document number, articles, issued, link, note. Preview first, then confirm."
            ),
            csrf: csrf, fileLabel: t("文件", "File"), sheetLabel: t("工作表（可选）", "Sheet (optional)"), yearLabel: "", previewLabel: t("预览", "Preview"),
            importLabel: t("直接导入", "Import now"),
            exampleNote: t(
                "示例文件见 examples/policy-list-demo.xlsx（仅为示意，非官方清单）。",
                "A sample file is examples/policy-list-demo.xlsx (illustrative, not an official list)."),
            action: "/policies/import", listHref: "/policies", year: nil, error: error.isEmpty ? nil : error, hasResult: result != nil,
            resultHeading: result.map {
                heading(
                    imported: $0.outcomes != nil, dryRun: $0.dryRun, problems: $0.problemCount, nothing: t("未导入任何政策", "nothing was imported"),
                    language)
            } ?? "",
            summary: summary, rows: rows, stagingID: stagingID, confirmLabel: t("确认导入", "Confirm the import"),
            done: result.flatMap { $0.outcomes != nil && !$0.dryRun ? "/policies" : nil },
            col: [
                "line": t("行", "Line"), "number": t("序号", "No."), "title": t("政策名称", "Policy"), "lead": t("发文单位", "Issuing units"),
                "due": t("状态", "Status"), "outcome": t("结果", "Outcome"), "message": t("说明", "Message"), "list": t("查看政策清单", "See the list"),
            ])
    }
}
