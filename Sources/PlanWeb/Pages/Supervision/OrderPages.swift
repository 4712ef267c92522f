import Foundation
import PlanCore
import PlanServices

/// How supervision-order pages name things in the reader's language.
enum OrderNames {
    static func number(_ o: SupervisionOrder, _ language: Language) -> String { language.t(o.numberZh, o.numberEn) }
    static func level(_ l: OrderLevel, _ language: Language) -> String { language.t(l.nameZh, l.nameEn) }
    static func state(_ s: OrderState, _ language: Language) -> String { language.t(s.nameZh, s.nameEn) }

    static func subject(_ s: OrderSubject, _ language: Language) -> String {
        s.kind == .other ? language.t(s.kind.nameZh, s.kind.nameEn) : "\(language.t(s.kind.nameZh, s.kind.nameEn)) \(s.id)"
    }

    /// "逾期 5 天" while it waits past its due day; "剩 3 天" before.
    static func timing(_ o: SupervisionOrder, today: Day, _ language: Language) -> (text: String, overdue: Bool)? {
        guard o.awaitsUnit else { return nil }
        if let days = o.overdueDays(today: today) { return (language.t("逾期 \(days) 天", "\(days) days overdue"), true) }
        let left = o.due.ordinal - today.ordinal
        return (language.t(left == 0 ? "今日到期" : "剩 \(left) 天", left == 0 ? "due today" : "\(left) days left"), false)
    }
}

/// The ledger (督办台账): orders by state, unit, level and age, with the filter that chose them.
struct OrderListPage {
    struct Model {
        var heading, intro: String
        var tabs: [Tab]
        var filter: Filter
        var rows: [Row]
        var hasRows: Bool
        var empty, exportHref, exportLabel, newLabel: String
        var canIssue: Bool
        var col: Columns
        var pager: Pager?
    }

    /// The ledger lists this many orders a page; the download holds them all.
    static let perPage = 100

    struct Pager {
        var text: String
        var previousHref, nextHref: String?
        var previousLabel, nextLabel: String
    }

    struct Tab {
        var label, href: String
        var current: Bool
    }

    struct Filter {
        var show: String
        var unitLabel, levelLabel, sortLabel, applyLabel, anyUnit, anyLevel: String
        var units, levels, sorts: [Option]
    }

    struct Option {
        var value, label: String
        var selected: Bool
    }

    struct Row {
        var id, number, unit, subject, matter, level, levelCode, state, stateCode, issued, due, age: String
        var timing: String?
        var overdue: Bool
    }

    struct Columns {
        var number, unit, matter, level, state, issued, due, age: String
    }

    static func model(
        ledger: SupervisionService.Ledger, filter: SupervisionService.OrderFilter, page: Int, units: [ReportingUnit], canIssue: Bool, today: Day,
        tree: UnitTree, language: Language
    ) -> Model {
        let t = language.t
        let total = ledger.orders.count
        let first = min(max(0, (page - 1) * perPage), total)
        let shown = ledger.orders[first..<min(first + perPage, total)]
        func query(show: SupervisionService.OrderFilter.Show) -> String {
            var items = ["show=\(show.rawValue)"]
            if let unit = filter.unit { items.append("unit=\(unit)") }
            if let level = filter.level { items.append("level=\(level.rawValue)") }
            if filter.sort != .urgency { items.append("sort=\(filter.sort.rawValue)") }
            return items.joined(separator: "&")
        }
        let names: [(SupervisionService.OrderFilter.Show, String, String)] = [
            (.open, "在办", "Open"), (.overdue, "逾期", "Overdue"), (.answered, "待销号", "Awaiting acceptance"), (.closed, "已销号", "Closed"),
            (.all, "全部", "All"),
        ]
        return Model(
            heading: t("督办台账", "Supervision orders"),
            intro: t(
                "督办单由办公室（或审核员对下级单位）下发，承办单位签收、答复并附证明材料，经下发方审核后销号或退回重办。逾期未答复的督办单显示为红色并按预警规则逐级升级。",
                "Orders are issued by the office (or by a reviewer to the units below it); the unit signs for each, answers with evidence, and the issuing side closes it or sends it back. Orders past their due day show red and escalate like other alerts."
            ),
            tabs: names.map { show, zh, en in
                Tab(label: "\(t(zh, en)) \(ledger.counts[show] ?? 0)", href: "/orders?\(query(show: show))", current: show == filter.show)
            },
            filter: Filter(
                show: filter.show.rawValue, unitLabel: t("承办单位", "Unit"), levelLabel: t("级别", "Level"), sortLabel: t("排序", "Order by"),
                applyLabel: t("筛选", "Filter"), anyUnit: t("全部单位", "All units"), anyLevel: t("全部级别", "All levels"),
                units: units.map { Option(value: $0.code, label: t($0.nameZh, $0.nameEn), selected: $0.code == filter.unit) },
                levels: OrderLevel.allCases.map { Option(value: $0.rawValue, label: OrderNames.level($0, language), selected: $0 == filter.level) },
                sorts: [
                    Option(value: "urgency", label: t("紧急程度", "Urgency"), selected: filter.sort == .urgency),
                    Option(value: "age", label: t("已历天数", "Age"), selected: filter.sort == .age),
                ]),
            rows: shown.map { o in
                let timing = OrderNames.timing(o, today: today, language)
                return Row(
                    id: o.id, number: OrderNames.number(o, language), unit: TaskNames.unit(o.unitCode, tree: tree, language: language),
                    subject: OrderNames.subject(o.subject, language), matter: o.matter, level: OrderNames.level(o.level, language),
                    levelCode: o.level.rawValue, state: OrderNames.state(o.state, language), stateCode: o.state.rawValue,
                    issued: o.issuedOn.description, due: o.due.description, age: t("\(o.age(today: today)) 天", "\(o.age(today: today)) days"),
                    timing: timing?.text, overdue: timing?.overdue ?? false)
            }, hasRows: !ledger.orders.isEmpty, empty: t("没有符合条件的督办单。", "No orders match."),
            exportHref: "/orders.xlsx?\(query(show: filter.show))", exportLabel: t("导出台账（XLSX）", "Download the ledger (XLSX)"),
            newLabel: t("下发督办单", "Issue an order"), canIssue: canIssue,
            col: Columns(
                number: t("编号", "Number"), unit: t("承办单位", "Unit"), matter: t("督办事项", "Matter"), level: t("级别", "Level"),
                state: t("状态", "State"), issued: t("下发日期", "Issued"), due: t("答复期限", "Due"), age: t("已历天数", "Age")),
            pager: total > perPage
                ? Pager(
                    text: t("第 \(first + 1)–\(first + shown.count) 条，共 \(total) 条", "\(first + 1)–\(first + shown.count) of \(total)"),
                    previousHref: first > 0 ? "/orders?\(query(show: filter.show))&page=\(page - 1)" : nil,
                    nextHref: first + shown.count < total ? "/orders?\(query(show: filter.show))&page=\(page + 1)" : nil,
                    previousLabel: t("上一页", "Previous"), nextLabel: t("下一页", "Next")) : nil)
    }
}

/// One order: what it asks, its history with evidence, and the steps the reader may take.
struct OrderPage {
    struct Model {
        var heading, id, csrf: String
        var message, error: String?
        var facts: [Fact]
        var matterLabel, matter, requirementLabel, requirement: String
        var historyHeading: String
        var events: [Event]
        var sign: Step?
        var answer: Step?
        var decide: Step?
        var ledgerHref, ledgerLabel: String
    }

    struct Fact {
        var label, value: String
        var href: String?
        var overdue: Bool
        /// Text someone typed (a document number, a note): marked as Chinese on English pages.
        var userText = false
    }

    struct Event {
        var at, who, action, actionCode, text: String
        var hasText: Bool
        var evidence: [TaskPage.EvidenceLink]
    }

    struct Step {
        var heading, textLabel, hint, button: String
        var secondButton: String?
        var evidenceLabel, accept: String?
    }

    static func model(
        order o: SupervisionOrder, rights: SupervisionService.OrderRights, tree: UnitTree, csrf: String, today: Day, message: String?,
        error: String?, language: Language
    ) -> Model {
        let t = language.t
        let timing = OrderNames.timing(o, today: today, language)
        var facts = [
            Fact(
                label: t("承办单位", "Unit"), value: TaskNames.unit(o.unitCode, tree: tree, language: language), href: "/units/\(o.unitCode)",
                overdue: false),
            Fact(label: t("督办对象", "About"), value: OrderNames.subject(o.subject, language), href: o.subject.link, overdue: false),
            Fact(label: t("级别", "Level"), value: OrderNames.level(o.level, language), overdue: false),
            Fact(label: t("状态", "State"), value: OrderNames.state(o.state, language), overdue: false),
            Fact(
                label: t("下发", "Issued"),
                value: "\(o.issuedOn) · \(o.issuedBy) · \(TaskNames.unit(o.issuerUnit, tree: tree, language: language))", overdue: false),
            Fact(
                label: t("答复期限", "Answer due"), value: o.due.description + (timing.map { " · \($0.text)" } ?? ""), overdue: timing?.overdue ?? false),
            Fact(label: t("已历天数", "Age"), value: t("\(o.age(today: today)) 天", "\(o.age(today: today)) days"), overdue: false),
        ]
        if let closed = o.closedOn { facts.append(Fact(label: t("销号日期", "Closed on"), value: closed.description, overdue: false)) }
        if let source = o.source, source.hasPrefix("stocktake:") {
            let id = String(source.dropFirst("stocktake:".count))
            facts.append(Fact(label: t("来源", "From"), value: t("调度会 \(id)", "Stocktake \(id)"), href: "/stocktakes/\(id)", overdue: false))
        }
        let accept = EvidenceRules.extensions.map { ".\($0)" }.joined(separator: ",")
        return Model(
            heading: OrderNames.number(o, language), id: o.id, csrf: csrf, message: message, error: error, facts: facts,
            matterLabel: t("督办事项", "Matter"), matter: o.matter, requirementLabel: t("督办要求", "Requirement"), requirement: o.requirement,
            historyHeading: t("办理过程", "History"),
            events: o.events.map { e in
                Event(
                    at: LocalTime.display(e.at),
                    who: "\(e.actor) · \(TaskNames.unit(e.actorUnit, tree: tree, language: language))", action: t(e.action.nameZh, e.action.nameEn),
                    actionCode: e.action.rawValue, text: e.text, hasText: !e.text.isEmpty,
                    evidence: e.evidence.map {
                        TaskPage.EvidenceLink(href: "/order-files/\($0.id)", name: $0.fileName, size: TaskNames.fileSize($0.size))
                    })
            },
            sign: rights.answer && o.state == .issued
                ? Step(heading: t("签收", "Sign for it"), textLabel: "", hint: "", button: t("签收", "Sign for it")) : nil,
            answer: rights.answer && o.awaitsUnit
                ? Step(
                    heading: t("答复", "Answer"), textLabel: t("采取的措施和成效", "Measures taken and their effect"),
                    hint: t(
                        "证明材料：PDF、OFD、图片或 Office 文档，每个不超过 \(EvidenceRules.maxBytes >> 20) MB，最多 \(EvidenceRules.maxFiles) 个。",
                        "Evidence: PDF, OFD, images or Office documents, at most \(EvidenceRules.maxBytes >> 20) MB each and \(EvidenceRules.maxFiles) files."
                    ),
                    button: t("提交答复", "Send the answer"), evidenceLabel: t("证明材料", "Evidence"), accept: accept) : nil,
            decide: rights.decide && o.state == .answered
                ? Step(
                    heading: t("审核答复", "Decide on the answer"), textLabel: t("意见（退回时必填）", "Note (required to send back)"),
                    hint: t("答复落实到位的予以销号；未落实的退回重办并写明原因。", "Close the order when the answer holds; otherwise send it back with the reason."),
                    button: t("销号", "Close"), secondButton: t("退回重办", "Send back")) : nil,
            ledgerHref: "/orders", ledgerLabel: t("督办台账", "Supervision orders"))
    }
}

/// The form that issues an order.
struct OrderNewPage {
    struct Model {
        var heading, intro, csrf: String
        var error: String?
        var unitLabel: String
        var units: [OrderListPage.Option]
        var subjectLabel, subject, subjectHint: String
        var matterLabel, matter, requirementLabel, requirement: String
        var levelLabel: String
        var levels: [OrderListPage.Option]
        var dueLabel, due, noteLabel, note, submitLabel, cancelLabel: String
    }

    static func model(
        form: SupervisionService.OrderForm, units: [ReportingUnit], csrf: String, error: String?, language: Language
    ) -> Model {
        let t = language.t
        return Model(
            heading: t("下发督办单", "Issue a supervision order"),
            intro: t(
                "督办单下发后，承办单位在待办和预警中看到它；逾期未答复的显示为红色并逐级升级。",
                "Once issued, the unit sees the order and its alert; unanswered past its due day it shows red and escalates."),
            csrf: csrf, error: error, unitLabel: t("承办单位", "Unit that must answer"),
            units: units.map { OrderListPage.Option(value: $0.code, label: t($0.nameZh, $0.nameEn), selected: $0.code == form.unit) },
            subjectLabel: t("督办对象", "About"), subject: form.subject,
            subjectHint: t(
                "写作 target:目标编号（如 target:A003-1）、task:任务编号（如 task:2026-5）或 other（其他事项）。",
                "Write target:ID (target:A003-1), task:ID (task:2026-5) or other."),
            matterLabel: t("督办事项", "Matter"), matter: form.matter, requirementLabel: t("督办要求", "Requirement"), requirement: form.requirement,
            levelLabel: t("督办级别", "Level"),
            levels: OrderLevel.allCases.map {
                OrderListPage.Option(value: $0.rawValue, label: OrderNames.level($0, language), selected: $0.rawValue == form.level)
            }, dueLabel: t("答复期限", "Answer due"), due: form.due, noteLabel: t("备注", "Note"), note: form.note,
            submitLabel: t("下发", "Issue"), cancelLabel: t("取消", "Cancel"))
    }
}
