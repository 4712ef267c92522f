import Foundation
import PlanCore
import PlanServices

/// The stocktakes: the list with the office's form to open one.
struct StocktakeListPage {
    struct Model {
        var heading, intro, csrf: String
        var error: String?
        var rows: [Row]
        var hasRows: Bool
        var empty: String
        var canCreate: Bool
        var createHeading, dateLabel, date, scopeLabel, createLabel: String
        var scopes: [OrderListPage.Option]
        var col: [String: String]
    }

    struct Row {
        var id, date, scope, decisions: String
    }

    static func scopeName(_ scope: StocktakeScope, plan: Plan, tree: UnitTree, language: Language) -> String {
        let t = language.t
        switch scope {
        case .province: return t("全省", "Province")
        case .chapter(let n): return t("第\(n)章 \(plan.chapters.first { $0.number == n }?.title ?? "")", "Chapter \(n)")
        case .city(let code): return TaskNames.unit(code, tree: tree, language: language)
        }
    }

    static func model(
        stocktakes: [Stocktake], canCreate: Bool, today: Day, plan: Plan, tree: UnitTree, csrf: String, error: String?, language: Language
    ) -> Model {
        let t = language.t
        var scopes = [OrderListPage.Option(value: "province", label: t("全省", "Province"), selected: true)]
        scopes += plan.chapters.map { c in
            OrderListPage.Option(
                value: "chapter-\(c.number)", label: scopeName(.chapter(c.number), plan: plan, tree: tree, language: language), selected: false)
        }
        scopes += tree.children(of: tree.root).compactMap { tree[$0] }.filter { $0.kind == .region }.map {
            OrderListPage.Option(value: $0.code, label: t($0.nameZh, $0.nameEn), selected: false)
        }
        return Model(
            heading: t("调度会", "Stocktakes"),
            intro: t(
                "为一次调度会（全省、某一章或某一城市）生成材料：偏离进度的目标（约束性在前，按差距排序）、上次调度会以来变化最大的目标、口径不一致的任务、逾期任务、未办结的督办单、上月报送质量较差的单位。会上议定事项可一步转为督办单或工作任务，下次调度会显示其办理结果。",
                "The pack for a stocktake meeting (the province, a chapter or a city): targets off trajectory (binding first, ranked by gap), the biggest movers since the previous stocktake, divergences, overdue tasks, open supervision orders and units that reported poorly last month. Decisions become supervision orders or work tasks in one step, and the next stocktake shows what became of them."
            ), csrf: csrf, error: error,
            rows: stocktakes.map {
                Row(
                    id: $0.id, date: $0.date.description, scope: scopeName($0.scope, plan: plan, tree: tree, language: language),
                    decisions: t("议定事项 \($0.decisions.count) 项", "\($0.decisions.count) decisions"))
            }, hasRows: !stocktakes.isEmpty, empty: t("还没有调度会。", "No stocktakes yet."), canCreate: canCreate,
            createHeading: t("召开调度会", "Open a stocktake"), dateLabel: t("会议日期", "Meeting date"), date: today.description,
            scopeLabel: t("范围", "Scope"), createLabel: t("生成调度材料", "Make the pack"), scopes: scopes,
            col: ["date": t("日期", "Date"), "scope": t("范围", "Scope"), "decisions": t("议定事项", "Decisions")])
    }
}

/// One stocktake's pack, printable, with its decisions and the office's form to add one.
struct StocktakePage {
    struct Model {
        var heading, id, csrf, lede: String
        var message, error: String?
        var pdfLabel, listLabel: String
        var sections: [Section]
        var canDecide: Bool
        var decideHeading, textLabel, kindLabel, unitLabel, dueLabel, due, decideLabel: String
        var kinds: [OrderListPage.Option]
        var units: [OrderListPage.Option]
    }

    struct Section {
        var heading, empty: String
        var rows: [Row]
        var hasRows: Bool
        var more: String?
    }

    struct Row {
        var text: String
        var href: String?
        var badge: String?
        var badgeCode: String
        var note: String?
        var userText: Bool
    }

    static func model(
        pack p: SupervisionService.StocktakePack, plan: Plan, tree: UnitTree, canDecide: Bool, csrf: String, today: Day, message: String?,
        error: String?, language: Language
    ) -> Model {
        let t = language.t
        let indicators = Dictionary(plan.indicators.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        func name(_ target: Target) -> String {
            let i = indicators[target.indicatorKey]
            return t(i?.nameZh ?? target.indicatorKey, i?.nameEn ?? target.indicatorKey)
        }
        func region(_ code: String) -> String {
            code == tree.root ? t("全省", "Province") : TaskNames.unit(code, tree: tree, language: language)
        }
        func status(_ s: EvaluationStatus) -> String { t(s.nameZh, s.nameEn) }
        func more(_ total: Int, _ shown: Int) -> String? { total > shown ? t("另有 \(total - shown) 项未列出", "\(total - shown) more not listed") : nil }
        func outcome(_ o: SupervisionService.StocktakePack.Outcome) -> Row {
            let d = o.decision
            var badge: String?
            var code = "note"
            var href: String?
            if let state = o.orderState {
                badge = OrderNames.state(state, language) + (o.overdue ? t("，已逾期", ", overdue") : "")
                code = o.overdue ? "overdue" : state.rawValue
                href = d.ref.map { "/orders/\($0)" }
            } else if let status = o.taskStatus {
                badge = TaskNames.status(status, language)
                code = status.rawValue
                href = d.ref.map { "/tasks/\($0)" }
            }
            let unit = d.unitCode.map { " → " + TaskNames.unit($0, tree: tree, language: language) } ?? ""
            return Row(
                text: "\(d.seq). \(d.text)", href: href, badge: badge, badgeCode: code,
                note: t(d.kind.nameZh, d.kind.nameEn) + unit + (d.due.map { " · \(t("期限", "due")) \($0)" } ?? ""), userText: true)
        }
        let s = p.stocktake
        var sections = [
            Section(
                heading: t("偏离进度的目标（约束性在前，按差距排序）", "Targets off trajectory (binding first, by gap)"),
                empty: t("没有偏离进度的目标。", "No target is off trajectory."),
                rows: p.offTrack.map { o in
                    let gap =
                        o.evaluation.trajectoryGapInTargetUnits.map { t("，差距 \(Int(($0 * 100).rounded()))%", ", gap \(Int(($0 * 100).rounded()))%") }
                        ?? ""
                    return Row(
                        text: "\(o.target.id) \(name(o.target)) · \(region(o.evaluation.regionCode))", href: "/targets/\(o.target.id)",
                        badge: status(o.evaluation.status), badgeCode: o.evaluation.status.code,
                        note: (o.target.binding ? t("约束性", "binding") : t("预期性", "expected")) + gap, userText: false)
                }, hasRows: !p.offTrack.isEmpty, more: more(p.offTrackTotal, p.offTrack.count)),
            Section(
                heading: t("上次调度会以来变化最大的目标", "Biggest movers since the previous stocktake"),
                empty: p.previous == nil
                    ? t("这是该范围的第一次调度会。", "This is the scope's first stocktake.") : t("没有状态变化的目标。", "No target changed status."),
                rows: p.movers.map { m in
                    Row(
                        text: "\(m.target.id) \(name(m.target)) · \(region(m.regionCode))", href: "/targets/\(m.target.id)",
                        badge: m.direction > 0 ? t("好转", "Improved") : t("恶化", "Worsened"), badgeCode: m.direction > 0 ? "improved" : "worsened",
                        note: "\(status(m.before)) → \(status(m.now))", userText: false)
                }, hasRows: !p.movers.isEmpty, more: nil),
            Section(
                heading: t("口径不一致：报告按计划、目标却滞后", "Divergences: reported on schedule, targets off track"),
                empty: t("没有口径不一致的任务。", "No divergence."),
                rows: p.divergent.map { d in
                    Row(
                        text: "\(t("任务", "Task")) \(d.task.number) \(d.task.title)", href: "/tasks/\(d.task.id)", badge: nil, badgeCode: "",
                        note: TaskNames.unit(d.unit, tree: tree, language: language), userText: true)
                }, hasRows: !p.divergent.isEmpty, more: nil),
            Section(
                heading: t("逾期任务和节点（按单位）", "Overdue tasks and milestones, by unit"), empty: t("没有逾期任务。", "Nothing overdue."),
                rows: p.overdue.map { u in
                    Row(
                        text: t(u.unit.nameZh, u.unit.nameEn), href: "/tasks?unit=\(u.unit.code)", badge: nil, badgeCode: "",
                        note: t("逾期任务 \(u.count) 项，逾期节点 \(u.detail) 个", "\(u.count) tasks and \(u.detail) milestones overdue"), userText: false)
                }, hasRows: !p.overdue.isEmpty, more: nil),
            Section(
                heading: t("未办结的督办单", "Open supervision orders"), empty: t("没有未办结的督办单。", "No open orders."),
                rows: p.openOrders.map { o in
                    let timing = OrderNames.timing(o, today: today, language)
                    return Row(
                        text: "\(OrderNames.number(o, language)) \(o.matter)", href: "/orders/\(o.id)", badge: OrderNames.state(o.state, language),
                        badgeCode: timing?.overdue == true ? "overdue" : o.state.rawValue,
                        note: TaskNames.unit(o.unitCode, tree: tree, language: language) + (timing.map { " · \($0.text)" } ?? ""), userText: true)
                }, hasRows: !p.openOrders.isEmpty, more: more(p.openOrdersTotal, p.openOrders.count)),
            Section(
                heading: t(
                    "\(p.diligenceMonth) 报送质量较差的单位（得分低于 \(Int(DiligenceWeights.poorBelow))）",
                    "Units with poor reporting diligence in \(p.diligenceMonth) (score below \(Int(DiligenceWeights.poorBelow)))"),
                empty: t("没有报送质量较差的单位。", "No unit reported poorly."),
                rows: p.poorDiligence.map { d in
                    Row(
                        text: t(d.unit.nameZh, d.unit.nameEn), href: "/units/\(d.unit.code)#diligence", badge: DiligenceText.score(d.score),
                        badgeCode: "diligence-\(DiligenceText.band(d.score))", note: DiligenceText.summary(d.counts, language: language),
                        userText: false)
                }, hasRows: !p.poorDiligence.isEmpty, more: nil),
        ]
        if let previous = p.previous {
            sections.append(
                Section(
                    heading: t("上次调度会（\(previous.date)）议定事项的办理情况", "What became of the decisions of \(previous.date)"),
                    empty: t("上次调度会没有议定事项。", "The previous stocktake took no decisions."), rows: p.previousDecisions.map(outcome),
                    hasRows: !p.previousDecisions.isEmpty, more: nil))
        }
        sections.append(
            Section(
                heading: t("本次议定事项", "Decisions of this stocktake"), empty: t("尚无议定事项。", "No decisions yet."), rows: p.decisions.map(outcome),
                hasRows: !p.decisions.isEmpty, more: nil))
        let scope = StocktakeListPage.scopeName(s.scope, plan: plan, tree: tree, language: language)
        return Model(
            heading: t("调度会 \(s.date) · \(scope)", "Stocktake \(s.date) · \(scope)"), id: s.id, csrf: csrf,
            lede: t(
                "材料按当前数据生成；“变化最大的目标”比较本次与上次（\(p.previous?.date.description ?? "无")）调度会当天的目标状态。",
                "The pack is computed from the current data; the movers compare the targets' statuses on this meeting's day with the previous one's (\(p.previous?.date.description ?? "none"))."
            ), message: message, error: error, pdfLabel: t("下载 PDF", "Download PDF"), listLabel: t("调度会", "Stocktakes"), sections: sections,
            canDecide: canDecide, decideHeading: t("记录议定事项", "Record a decision"), textLabel: t("议定事项", "Decision"),
            kindLabel: t("转为", "Becomes"), unitLabel: t("承办或牵头单位", "Unit"), dueLabel: t("期限", "Due"), due: today.adding(days: 30).description,
            decideLabel: t("记录", "Record"),
            kinds: StocktakeDecision.Kind.allCases.map {
                OrderListPage.Option(value: $0.rawValue, label: t($0.nameZh, $0.nameEn), selected: $0 == .order)
            },
            units: tree.subtree(of: tree.root).compactMap { tree[$0] }.map {
                OrderListPage.Option(value: $0.code, label: t($0.nameZh, $0.nameEn), selected: false)
            })
    }
}
