import Foundation
import PlanCore
import PlanStore

/// Stocktakes (调度会): a meeting over the province, a chapter or a city; the pack its leaders
/// read, computed from the data; and decisions that become supervision orders or work tasks in
/// one step, followed up at the next stocktake of the same scope.
extension SupervisionService {
    /// The unit whose readers may see a scope's stocktakes: the city, or the province.
    func unit(of scope: StocktakeScope, tree: UnitTree) -> String {
        if case .city(let code) = scope { return code }
        return tree.root
    }

    /// Whether an evaluation belongs to a scope: a city's own targets; a chapter's targets in every
    /// region; everything for the province.
    func covers(_ scope: StocktakeScope, _ e: TargetEvaluation, plan: Plan, targets: [String: Target]) -> Bool {
        switch scope {
        case .province: return true
        case .city(let code): return e.regionCode == code
        case .chapter(let n):
            switch targets[e.targetID]?.source {
            case .article(let a)?: return plan.articles.first { $0.number == a }?.chapter == n
            case .chapterIntroduction(let c)?: return c == n
            case nil: return false
            }
        }
    }

    /// The stocktakes a person may see, newest first.
    public func stocktakes(_ identity: Identity?) async throws -> [Stocktake] {
        guard identity != nil else { throw ServiceError.notAuthenticated }
        let tree = try await reporting.tree()
        var result: [Stocktake] = []
        for s in try await store.stocktakes() where try await reporting.allows(identity, .viewStatus, unit: unit(of: s.scope, tree: tree)) {
            result.append(s)
        }
        return result
    }

    /// Opens a stocktake for a day and scope (the office), keeping the targets' statuses of the day.
    public func createStocktake(date: Day, scope: StocktakeScope, identity: Identity?, actor: Actor) async throws -> Stocktake {
        let identity = try await authorizeList(identity)
        let plan = try await plans.current().plan
        switch scope {
        case .province: break
        case .chapter(let n): guard plan.chapters.contains(where: { $0.number == n }) else { throw ServiceError.notFound(what: "chapter \(n)") }
        case .city(let code): _ = try await reporting.unit(code)
        }
        let (snapshot, evaluations) = try await plans.evaluations()
        var statuses: [String: EvaluationStatus] = [:]
        for e in evaluations where covers(scope, e, plan: snapshot.plan, targets: snapshot.targetsByID) {
            statuses["\(e.targetID)|\(e.regionCode)"] = e.status
        }
        let stocktake = Stocktake(date: date, scope: scope, statuses: statuses, createdBy: identity.account.username, createdAt: timestamp())
        do {
            try await store.createStocktake(stocktake, actor: actor)
        } catch let error as SupervisionError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
        return stocktake
    }

    /// What leaders read at a stocktake.
    public struct StocktakePack: Sendable {
        public struct OffTrack: Sendable {
            public var target: Target
            public var evaluation: TargetEvaluation
        }

        public struct Move: Sendable {
            public var target: Target
            public var regionCode: String
            public var before: EvaluationStatus
            public var now: EvaluationStatus
            /// +1 improved, −1 worsened.
            public var direction: Int
        }

        public struct UnitCount: Sendable {
            public var unit: ReportingUnit
            public var count: Int
            public var detail: Int
        }

        public struct Outcome: Sendable {
            public var decision: StocktakeDecision
            /// The order's or task's state now, when it became one.
            public var orderState: OrderState?
            public var taskStatus: TaskStatus?
            /// The order is past its due day.
            public var overdue: Bool
        }

        public var stocktake: Stocktake
        public var previous: Stocktake?
        /// Off trajectory, binding targets first, then the most severe, then the largest gap.
        public var offTrack: [OffTrack]
        public var offTrackTotal: Int
        public var movers: [Move]
        public var divergent: [(task: WorkTask, unit: String)]
        /// Units with overdue tasks (`count`) and milestones (`detail`), the most first.
        public var overdue: [UnitCount]
        public var openOrders: [SupervisionOrder]
        public var openOrdersTotal: Int
        /// Units whose reporting diligence scored poorly in the month before the meeting's, the
        /// lowest first.
        public var poorDiligence: [DiligenceRow]
        /// That month.
        public var diligenceMonth: Period
        public var previousDecisions: [Outcome]
        public var decisions: [Outcome]
    }

    public static let packRows = 30

    public func pack(_ id: String, identity: Identity?) async throws -> StocktakePack {
        guard identity != nil else { throw ServiceError.notAuthenticated }
        guard let stocktake = try await store.stocktake(id: id) else { throw ServiceError.notFound(what: "stocktake \(id)") }
        let tree = try await reporting.tree()
        try await reporting.authorize(identity, .viewStatus, unit: unit(of: stocktake.scope, tree: tree))
        let (snapshot, evaluations) = try await plans.evaluations()
        let plan = snapshot.plan
        let inScope = evaluations.filter { covers(stocktake.scope, $0, plan: plan, targets: snapshot.targetsByID) }
        let units: Set<String> =
            if case .city(let code) = stocktake.scope { Set(tree.subtree(of: code)) } else { Set(tree.units.keys) }
        let chapterArticles: Set<Int>? =
            if case .chapter(let n) = stocktake.scope { Set(plan.articles.filter { $0.chapter == n }.map(\.number)) } else { nil }

        // Off trajectory.
        var offTrack = inScope.compactMap { e -> StocktakePack.OffTrack? in
            guard AlertRules.severity(of: e.status) != nil, let t = snapshot.targetsByID[e.targetID] else { return nil }
            return .init(target: t, evaluation: e)
        }
        offTrack.sort { a, b in
            let ka = (a.target.binding ? 0 : 1, -(StatusMove.severity(a.evaluation.status) ?? 0), a.evaluation.trajectoryGapInTargetUnits ?? 0)
            let kb = (b.target.binding ? 0 : 1, -(StatusMove.severity(b.evaluation.status) ?? 0), b.evaluation.trajectoryGapInTargetUnits ?? 0)
            return ka != kb ? ka < kb : a.target.id < b.target.id
        }

        // What moved since the previous stocktake of the scope.
        let previous = try await store.stocktakes().filter { $0.scope == stocktake.scope && $0.date < stocktake.date }.max { $0.date < $1.date }
        var movers: [StocktakePack.Move] = []
        if let previous {
            for (key, now) in stocktake.statuses.sorted(by: { $0.key < $1.key }) {
                guard let before = previous.statuses[key], StatusMove.direction(from: before, to: now) != 0 else { continue }
                let parts = key.split(separator: "|").map(String.init)
                guard parts.count == 2, let target = snapshot.targetsByID[parts[0]] else { continue }
                movers.append(
                    .init(target: target, regionCode: parts[1], before: before, now: now, direction: StatusMove.direction(from: before, to: now)))
            }
            movers.sort { a, b in
                let da = abs((StatusMove.severity(a.now) ?? 0) - (StatusMove.severity(a.before) ?? 0))
                let db = abs((StatusMove.severity(b.now) ?? 0) - (StatusMove.severity(b.before) ?? 0))
                return da != db ? da > db : (a.direction, a.target.id) < (b.direction, b.target.id)
            }
        }

        // Tasks of the scope: led by a unit in it (and, for a chapter, carrying out one of its articles).
        let tasks = try await allTasks().filter { task in
            task.leadUnits.contains { units.contains($0) } && (chapterArticles.map { task.article.map($0.contains) ?? false } ?? true)
        }
        // A task can diverge only when a target it serves is off track: only those tasks' last two
        // counting reports are read.
        var divergent: [(task: WorkTask, unit: String)] = []
        let statuses = Dictionary(evaluations.map { ($0.targetID, $0.status) }, uniquingKeysWith: { a, _ in a })
        let byArticle = Dictionary(
            grouping: plan.targets.compactMap { t -> (Int, String)? in
                if case .article(let n) = t.source { return (n, t.id) }
                return nil
            }, by: \.0
        ).mapValues { $0.map(\.1) }
        let suspects = tasks.compactMap { task -> (WorkTask, [EvaluationStatus])? in
            let ids = task.targetIDs.isEmpty ? task.article.flatMap { byArticle[$0] } ?? [] : task.targetIDs
            let targets = ids.compactMap { statuses[$0] }
            return targets.contains { AlertRules.severity(of: $0) != nil } ? (task, targets) : nil
        }
        if !suspects.isEmpty {
            let recent = try await store.recentCountingProgress(taskIDs: suspects.map(\.0.id), count: 2)
            let reports = Dictionary(grouping: recent, by: { "\($0.taskID)|\($0.unitCode)" })
            for (task, targets) in suspects {
                for unit in task.leadUnits where units.contains(unit) {
                    if Divergence.diverges(reports: reports["\(task.id)|\(unit)"] ?? [], targetStatuses: targets) { divergent.append((task, unit)) }
                }
            }
        }

        // Overdue work and late figures, by unit.
        let taskIDs = Set(tasks.map(\.id))
        let alerts = try await allAlerts().filter { units.contains($0.unitCode) }
        var overdue: [String: (tasks: Int, milestones: Int)] = [:]
        for alert in alerts {
            switch alert.kind {
            case .taskOverdue where taskIDs.contains(alert.subject): overdue[alert.unitCode, default: (0, 0)].tasks += 1
            case .milestoneOverdue where taskIDs.contains(String(alert.subject.split(separator: "#").first ?? "")):
                overdue[alert.unitCode, default: (0, 0)].milestones += 1
            default: break
            }
        }
        let overdueUnits = overdue.compactMap { code, n in tree[code].map { StocktakePack.UnitCount(unit: $0, count: n.tasks, detail: n.milestones) }
        }
        .sorted { ($0.count + $0.detail, $1.unit.code) > ($1.count + $1.detail, $0.unit.code) }

        // Reporting diligence in the month before the meeting's: of every unit in the scope, or
        // for a chapter of the units leading its tasks.
        let diligenceMonth = Self.month(Self.month(of: stocktake.date), plus: -1)
        let diligenceUnits = chapterArticles == nil ? units : units.intersection(tasks.flatMap(\.leadUnits))
        let poor = try await poorDiligence(units: diligenceUnits, month: diligenceMonth)

        // Open orders of the scope, overdue longest first.
        let today = clock.today()
        let orders = try await store.orders(units: nil).filter { order in
            guard order.state != .closed, units.contains(order.unitCode) else { return false }
            guard chapterArticles != nil else { return true }
            return order.subject.kind == .task && taskIDs.contains(order.subject.id)
        }.sorted { a, b in
            let ka = (-(a.overdueDays(today: today) ?? -1), a.due.ordinal, a.id)
            let kb = (-(b.overdueDays(today: today) ?? -1), b.due.ordinal, b.id)
            return ka < kb
        }

        return StocktakePack(
            stocktake: stocktake, previous: previous, offTrack: Array(offTrack.prefix(Self.packRows)), offTrackTotal: offTrack.count,
            movers: Array(movers.prefix(Self.packRows)), divergent: Array(divergent.prefix(Self.packRows)), overdue: Array(overdueUnits.prefix(15)),
            openOrders: Array(orders.prefix(Self.packRows)), openOrdersTotal: orders.count, poorDiligence: Array(poor.prefix(15)),
            diligenceMonth: diligenceMonth,
            previousDecisions: try await outcomes(previous?.decisions ?? []), decisions: try await outcomes(stocktake.decisions))
    }

    func outcomes(_ decisions: [StocktakeDecision]) async throws -> [StocktakePack.Outcome] {
        let today = clock.today()
        var result: [StocktakePack.Outcome] = []
        for d in decisions {
            var outcome = StocktakePack.Outcome(decision: d, overdue: false)
            if d.kind == .order, let ref = d.ref, let order = try await store.order(id: ref) {
                outcome.orderState = order.state
                outcome.overdue = order.overdueDays(today: today) != nil
            }
            if d.kind == .task, let ref = d.ref, let unit = d.unitCode {
                outcome.taskStatus = try await latestReports(taskIDs: [ref])["\(ref)|\(unit)"]?.status ?? .notStarted
            }
            result.append(outcome)
        }
        return result
    }

    /// A decision as the stocktake page sends it.
    public struct DecisionForm: Sendable {
        public var text, kind, unit, due, level: String

        public init(text: String, kind: String, unit: String = "", due: String = "", level: String = OrderLevel.key.rawValue) {
            self.text = text
            self.kind = kind
            self.unit = unit
            self.due = due
            self.level = level
        }
    }

    /// Records a decision (the office); an order or a task is made of it in the same step.
    public func decide(_ id: String, _ form: DecisionForm, identity: Identity?, actor: Actor) async throws -> Stocktake {
        let identity = try await authorizeList(identity)
        guard let stocktake = try await store.stocktake(id: id) else { throw ServiceError.notFound(what: "stocktake \(id)") }
        let text = form.text.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["text": text, "unit": form.unit, "due": form.due], multiline: ["text"])
        guard !text.isEmpty, text.count <= Self.maxOrderText else {
            throw ServiceError.invalid(
                zh: "请写明议定事项（不超过 \(Self.maxOrderText) 字）", en: "Write the decision (at most \(Self.maxOrderText) characters)", problems: [])
        }
        guard let kind = StocktakeDecision.Kind(rawValue: form.kind) else {
            throw ServiceError.badParameter(name: "kind", message: "order, task or note")
        }
        var order: SupervisionOrder?
        var task: WorkTask?
        var unitCode: String?
        var due: Day?
        switch kind {
        case .note: break
        case .order:
            let matter = "调度会（\(stocktake.date)）议定：\(text)"
            var draft = try await orderDraft(
                OrderForm(
                    unit: form.unit, subject: "other", matter: String(matter.prefix(Self.maxOrderText)), requirement: text, level: form.level,
                    due: form.due),
                identity: identity, source: "stocktake:\(id)")
            draft.issuedOn = clock.today()
            order = draft
            unitCode = draft.unitCode
            due = draft.due
        case .task:
            let units = try await store.units()
            guard case .unit(let code) = UnitMatcher(units).match(form.unit) else {
                throw ServiceError.invalid(zh: "请选择牵头单位", en: "Choose the lead unit", problems: [])
            }
            guard case .day(let day)? = DueText.read(form.due) else {
                throw ServiceError.invalid(zh: "请填写完成时限（如 2026-12-31）", en: "Give the deadline (such as 2026-12-31)", problems: [])
            }
            let number = "ST\(stocktake.date.description.filter(\.isNumber))-\(stocktake.decisions.count + 1)"
            task = WorkTask(
                year: stocktake.date.year, number: number, position: 10_000 + stocktake.decisions.count + 1, title: text, article: nil,
                leadUnits: [code], due: day, dueText: day.description, deliverable: "调度会 \(stocktake.date) 议定")
            unitCode = code
            due = day
        }
        do {
            let saved = try await store.decide(
                stocktakeID: id, text: text, kind: kind, unitCode: unitCode, due: due, order: order, task: task, actor: actor)
            return saved
        } catch let error as SupervisionError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }
}
