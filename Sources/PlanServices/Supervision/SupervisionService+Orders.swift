import Foundation
import NIOPosix
import PlanCore
import PlanStore

/// Supervision orders (督办单): issued by the office or a reviewer over its subtree, signed for
/// and answered by the unit with evidence, closed (销号) or sent back by the issuing side.
extension SupervisionService {
    /// An order as a form or the API sends it.
    public struct OrderForm: Sendable {
        /// A unit's code or name as lists write it.
        public var unit: String
        /// `target:A003-1`, `task:2026-5`, `policy:…` or `other` (empty means other).
        public var subject: String
        public var matter: String
        public var requirement: String
        public var level: String
        /// The answer's due day, written as deadlines are (2026-12-31, 2026年12月底).
        public var due: String
        public var note: String

        public init(unit: String, subject: String, matter: String, requirement: String, level: String, due: String, note: String = "") {
            self.unit = unit
            self.subject = subject
            self.matter = matter
            self.requirement = requirement
            self.level = level
            self.due = due
            self.note = note
        }
    }

    public static let maxOrderText = 2000

    /// Checks a form and makes the order it describes (not yet numbered): every problem is a
    /// `ServiceError.invalid` in both languages, and nothing is stored.
    public func orderDraft(_ form: OrderForm, identity: Identity?, source: String? = nil) async throws -> SupervisionOrder {
        guard let identity else { throw ServiceError.notAuthenticated }
        let fields = [
            "unit": form.unit, "subject": form.subject, "matter": form.matter, "requirement": form.requirement, "level": form.level,
            "due": form.due, "note": form.note,
        ].mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        try TextInput.check(fields, multiline: ["matter", "requirement", "note"])
        var zh: [String] = []
        var en: [String] = []
        let tree = try await reporting.tree()
        var unitCode: String?
        switch UnitMatcher(tree.units.values.sorted { $0.code < $1.code }).match(fields["unit"] ?? "") {
        case .unit(let code): unitCode = code
        case .unknown:
            zh.append("请选择承办单位（没有找到「\(fields["unit"] ?? "")」）")
            en.append("Choose the unit that must answer (no unit \"\(fields["unit"] ?? "")\")")
        case .ambiguous(let codes):
            zh.append("承办单位「\(fields["unit"] ?? "")」有歧义：\(codes.joined(separator: "、"))")
            en.append("The unit \"\(fields["unit"] ?? "")\" is ambiguous: \(codes.joined(separator: ", "))")
        }
        let subjectText = fields["subject"].flatMap { $0.isEmpty ? nil : $0 } ?? "other"
        let subject = OrderSubject(subjectText)
        if let subject {
            if try await !subjectExists(subject) {
                zh.append("没有找到督办对象 \(subject.kind.nameZh) \(subject.id)")
                en.append("No \(subject.kind.rawValue) \(subject.id) to supervise")
            }
        } else {
            zh.append("督办对象应写作 target:目标编号、task:任务编号、policy:政策编号、project:项目代码 或 other")
            en.append("The subject is target:ID, task:ID, policy:ID, project:CODE or other")
        }
        for (name, zhName, enName) in [("matter", "督办事项", "The matter"), ("requirement", "督办要求", "The requirement")] {
            let text = fields[name] ?? ""
            if text.isEmpty {
                zh.append("请填写\(zhName)")
                en.append("\(enName) is required")
            } else if text.count > Self.maxOrderText {
                zh.append("\(zhName)过长（上限 \(Self.maxOrderText) 字）")
                en.append("\(enName) is too long (at most \(Self.maxOrderText) characters)")
            }
        }
        let level = OrderLevel(rawValue: fields["level"] ?? "")
        if level == nil {
            zh.append("督办级别应为一般、重点或挂牌")
            en.append("The level is general, key or listed")
        }
        let today = clock.today()
        var due: Day?
        if case .day(let day)? = DueText.read(fields["due"] ?? "") { due = day }
        if let day = due, day.ordinal < today.ordinal {
            zh.append("答复期限 \(day) 已过")
            en.append("The due day \(day) has passed")
            due = nil
        } else if due == nil {
            zh.append("请填写答复期限（如 \(today.adding(days: 14))）")
            en.append("Give the day the answer is due (such as \(today.adding(days: 14)))")
        }
        guard zh.isEmpty, let unitCode, let subject, let level, let due else {
            throw ServiceError.invalid(zh: zh.joined(separator: "；"), en: en.joined(separator: "; "), problems: [])
        }
        try await reporting.authorize(identity, .issueOrders, unit: unitCode)
        return SupervisionOrder(
            year: today.year, seq: 0, unitCode: unitCode, subject: subject, matter: fields["matter"] ?? "",
            requirement: fields["requirement"] ?? "", level: level, due: due, issuedBy: identity.account.username,
            issuerUnit: identity.account.unitCode, issuedOn: today, source: source)
    }

    func subjectExists(_ subject: OrderSubject) async throws -> Bool {
        switch subject.kind {
        case .target: try await plans.current().plan.targets.contains { $0.id == subject.id }
        case .task: try await store.task(id: subject.id) != nil
        case .policy: try await store.policy(id: subject.id) != nil
        case .project: try await store.project(code: subject.id) != nil
        case .other: true
        }
    }

    /// Issues an order: the office anywhere, a reviewer to the units below its own.
    public func issueOrder(_ form: OrderForm, identity: Identity?, actor: Actor) async throws -> SupervisionOrder {
        let draft = try await orderDraft(form, identity: identity)
        let note = form.note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let order = try await store.issueOrders([draft], note: note, actor: actor).first else {
            throw ServiceError.unavailable("order not issued")
        }
        return try await self.order(order.id, identity: identity)
    }

    /// Which orders a ledger shows, and in what order.
    public struct OrderFilter: Sendable {
        public enum Show: String, Sendable, CaseIterable {
            /// Not closed.
            case open
            /// Waiting for the unit past the due day.
            case overdue
            /// Answered, waiting for the issuer.
            case answered
            case closed
            case all

            func includes(_ order: SupervisionOrder, today: Day) -> Bool {
                switch self {
                case .open: order.state != .closed
                case .overdue: order.overdueDays(today: today) != nil
                case .answered: order.state == .answered
                case .closed: order.state == .closed
                case .all: true
                }
            }
        }

        public enum Sort: String, Sendable, CaseIterable {
            /// Overdue longest first, then due soonest; closed last.
            case urgency
            /// Oldest first.
            case age
        }

        public var show: Show
        /// A unit and the units below it.
        public var unit: String?
        public var level: OrderLevel?
        public var sort: Sort

        public init(show: Show = .open, unit: String? = nil, level: OrderLevel? = nil, sort: Sort = .urgency) {
            self.show = show
            self.unit = unit
            self.level = level
            self.sort = sort
        }
    }

    /// A ledger: the orders a filter shows, and how many of the person's orders (in the
    /// filter's unit and level) each `show` would list.
    public struct Ledger: Sendable {
        public var orders: [SupervisionOrder]
        public var counts: [OrderFilter.Show: Int]
    }

    /// The orders a person may see (those of units whose status they may see), as `filter` asks.
    public func ledger(_ filter: OrderFilter, identity: Identity?) async throws -> Ledger {
        guard let identity else { throw ServiceError.notAuthenticated }
        let tree = try await reporting.tree()
        if let unit = filter.unit, tree[unit] == nil { throw ServiceError.notFound(what: unit) }
        let account = identity.account
        let today = clock.today()
        let scoped = try await store.orders(units: nil).filter { order in
            guard Access.allows(account.role, userUnit: account.unitCode, action: .viewStatus, unit: order.unitCode, tree: tree) else { return false }
            if let unit = filter.unit, !tree.contains(order.unitCode, within: unit) { return false }
            return filter.level.map { order.level == $0 } ?? true
        }
        var counts: [OrderFilter.Show: Int] = [:]
        for show in OrderFilter.Show.allCases { counts[show] = scoped.reduce(0) { $0 + (show.includes($1, today: today) ? 1 : 0) } }
        let shown = scoped.filter { filter.show.includes($0, today: today) }
        let keys = shown.map { o -> [Int] in
            switch filter.sort {
            case .urgency: [o.state == .closed ? 1 : 0, -(o.overdueDays(today: today) ?? 0), o.due.ordinal, -o.year, -o.seq]
            case .age: [-o.age(today: today), -o.year, -o.seq]
            }
        }
        let order = shown.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        return Ledger(orders: order.map { shown[$0] }, counts: counts)
    }

    /// The units a person may issue orders to, in the tree's order.
    public func issuableUnits(_ identity: Identity?) async throws -> [ReportingUnit] {
        guard let identity else { return [] }
        let tree = try await reporting.tree()
        return tree.subtree(of: tree.root).compactMap { code in
            Access.allows(identity.account.role, userUnit: identity.account.unitCode, action: .issueOrders, unit: code, tree: tree) ? tree[code] : nil
        }
    }

    /// One order with its history, for those who may see its unit.
    public func order(_ id: String, identity: Identity?) async throws -> SupervisionOrder {
        guard identity != nil else { throw ServiceError.notAuthenticated }
        guard let order = try await store.order(id: id) else { throw ServiceError.notFound(what: "order \(id)") }
        try await reporting.authorize(identity, .viewStatus, unit: order.unitCode)
        return order
    }

    /// What a person may do to an order now.
    public struct OrderRights: Sendable {
        public var answer: Bool
        public var decide: Bool
    }

    public func rights(on order: SupervisionOrder, identity: Identity?) async throws -> OrderRights {
        OrderRights(
            answer: try await reporting.allows(identity, .answerOrders, unit: order.unitCode),
            decide: try await reporting.allows(identity, .issueOrders, unit: order.unitCode))
    }

    /// Takes a step on an order: the unit signs and answers (with evidence); the issuing side
    /// closes it or sends it back with a reason.
    public func stepOrder(
        _ id: String, _ action: OrderEvent.Action, text: String, files: [(name: String, data: Data)] = [], identity: Identity?, actor: Actor
    ) async throws -> SupervisionOrder {
        let order = try await order(id, identity: identity)
        let permission: ReportingAction =
            switch action {
            case .issue, .close, .sendBack: .issueOrders
            case .sign, .answer: .answerOrders
            }
        let (identity, _) = try await reporting.authorize(identity, permission, unit: order.unitCode)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["text": text], multiline: ["text"])
        guard text.count <= Self.maxOrderText else {
            throw ServiceError.invalid(zh: "内容过长（上限 \(Self.maxOrderText) 字）", en: "Too long (at most \(Self.maxOrderText) characters)", problems: [])
        }
        guard files.isEmpty || action == .answer else {
            throw ServiceError.badParameter(name: "evidence", message: "evidence goes with an answer")
        }
        guard files.count <= EvidenceRules.maxFiles else {
            throw ServiceError.invalid(
                zh: "每次答复最多 \(EvidenceRules.maxFiles) 个证明材料", en: "At most \(EvidenceRules.maxFiles) evidence files per answer", problems: [])
        }
        let evidence = try files.map { try EvidenceRules.check(fileName: $0.name, data: $0.data) }
        let user = identity.account.username
        do {
            let order = try await store.stepOrder(id: id, action: action, text: text, evidence: evidence, on: clock.today(), actor: actor) {
                stored in
                try OrderWorkflow.step(action, from: stored.state, text: text, answeredBy: stored.answeredBy, by: user)
            }
            return order
        } catch let error as SupervisionError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// An evidence file of an order's answer, for those who may see the order.
    public func orderFile(_ id: String, identity: Identity?) async throws -> StoredOrderFile {
        guard identity != nil else { throw ServiceError.notAuthenticated }
        guard let file = try await store.orderFile(id: id) else { throw ServiceError.notFound(what: "evidence \(id)") }
        try await reporting.authorize(identity, .viewStatus, unit: file.unitCode)
        return file
    }

    /// The ledger of `orders` as XLSX.
    public func ledgerXLSX(_ orders: [SupervisionOrder]) async throws -> Data {
        let units = try await reporting.tree().units
        let today = clock.today()
        return try await NIOThreadPool.singleton.runIfActive { try OrderLedgerFile.xlsx(orders, units: units, today: today) }
    }
}
