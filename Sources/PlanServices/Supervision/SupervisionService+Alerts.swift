import Foundation
import PlanCore
import PlanStore

extension SupervisionService {
    /// Every alert computed from the data today, for every unit: computed again only when a day
    /// has passed or what they are computed from has changed (``PlanStore/alertInputsStamp()``).
    /// While one reader has them computed again, the others get the day's last alerts rather
    /// than wait or compute them too: they lag by at most that one computation.
    public func allAlerts() async throws -> [Alert] {
        let today = clock.today()
        let key = "\(today)|\(try await store.alertInputsStamp())"
        if let cached = await alertCache.kept(for: key, day: today.description) { return cached }
        return try await alertCache.compute(key: key) { try await computeAlerts(today: today) }
    }

    func computeAlerts(today: Day) async throws -> [Alert] {
        let tree = try await reporting.tree()
        let tasks = try await allTasks()
        var alerts = AlertRules.tasks(tasks, progress: try await store.latestCountingProgress(taskIDs: nil), today: today, settings: settings)
        alerts += AlertRules.orders(try await store.orders(units: nil), today: today, settings: settings)
        alerts += AlertRules.policies(try await store.policies(), today: today, settings: settings)
        alerts += try await targetAlerts(tasks: tasks, tree: tree)
        alerts += try await figureAlerts(tree: tree, today: today)
        alerts += try await projectAlerts(today: today)
        return alerts
    }

    /// Targets off track: a region's target belongs to that region's unit; a provincial target to
    /// the lead units of the tasks that serve it (or carry out its article), else to the province.
    func targetAlerts(tasks: [WorkTask], tree: UnitTree) async throws -> [Alert] {
        let (snapshot, evaluations) = try await plans.evaluations()
        let latestYear = tasks.map(\.year).max()
        let current = tasks.filter { $0.year == latestYear }
        var alerts: [Alert] = []
        for evaluation in evaluations {
            guard let severity = AlertRules.severity(of: evaluation.status), let target = snapshot.targetsByID[evaluation.targetID] else { continue }
            var owners: [String]
            if evaluation.regionCode != tree.root, tree[evaluation.regionCode] != nil {
                owners = [evaluation.regionCode]
            } else {
                owners = current.filter { $0.targetIDs.contains(target.id) }.flatMap(\.leadUnits)
                if owners.isEmpty, case .article(let n) = target.source {
                    owners = current.filter { $0.article == n && $0.targetIDs.isEmpty }.flatMap(\.leadUnits)
                }
                if owners.isEmpty { owners = [tree.root] }
            }
            let name = snapshot.plan.indicators.first { $0.key == target.indicatorKey }?.nameZh ?? target.indicatorKey
            let nameEn = snapshot.plan.indicators.first { $0.key == target.indicatorKey }?.nameEn ?? target.indicatorKey
            let since = (evaluation.latestPeriod?.lastDay ?? Day(year: evaluation.asOf, month: 12, day: 31)).adding(days: 1)
            for owner in Set(owners).sorted() {
                alerts.append(
                    Alert(
                        kind: .targetOffTrack, severity: severity, unitCode: owner, subject: target.id, since: since,
                        textZh: "目标 \(target.id)（\(name)）：\(evaluation.status.nameZh)",
                        textEn: "Target \(target.id) (\(nameEn)): \(evaluation.status.nameEn)",
                        link: "/targets/\(target.id)"))
            }
        }
        return alerts
    }

    /// Figures past their due day and not submitted.
    func figureAlerts(tree: UnitTree, today: Day) async throws -> [Alert] {
        let schedule = Dictionary(grouping: try await store.schedule(unit: nil), by: \.unitCode)
        let submissions = Dictionary(grouping: try await store.submissions(units: nil), by: \.unitCode)
        let since = try await store.calendarSince()
        var alerts: [Alert] = []
        for (unit, entries) in schedule.sorted(by: { $0.key < $1.key }) {
            let periods = ReportingCalendar.periods(
                unit: unit, schedule: entries, submissions: submissions[unit] ?? [], entered: { _ in [] }, today: today, since: since)
            for period in periods where period.state == .overdue {
                alerts.append(
                    Alert(
                        kind: .figuresOverdue, severity: .red, unitCode: unit, subject: period.period.description,
                        since: period.dueDay.adding(days: 1),
                        textZh: "\(period.period) 期数据逾期未报（应于 \(period.dueDay) 前报送）",
                        textEn: "Figures for \(period.period) are overdue (due \(period.dueDay))", link: "/units/\(unit)/periods/\(period.period)"))
            }
        }
        return alerts
    }

    /// One alert in a person's inbox.
    public struct InboxItem: Sendable {
        public var alert: Alert
        public var escalation: Alert.Escalation
        /// Someone of the alert's unit acknowledged it.
        public var acknowledged: Bool
        public var muted: Bool
    }

    /// One unit's alerts for this month: a digest, not a message per event.
    public struct Digest: Sendable {
        public let unit: ReportingUnit
        public let period: Period
        public let items: [InboxItem]
        public let red: Int
        public let yellow: Int

        init(unit: ReportingUnit, period: Period, items: [InboxItem]) {
            self.unit = unit
            self.period = period
            self.items = items
            red = items.reduce(0) { $0 + ($1.alert.severity == .red ? 1 : 0) }
            yellow = items.count - red
        }
    }

    /// A person's inbox: a digest per unit in their scope, the units with the most pressing alerts
    /// first. Reporters see their unit's alerts; reviewers and viewers their subtree's; the office
    /// and administrators every unit's. A reviewer sees a unit's alerts once they have escalated
    /// to it; the office sees every alert but lists the escalated ones first. Muted alerts are
    /// left out unless `showMuted`.
    public func inbox(_ identity: Identity?, showMuted: Bool = false, unit filter: String? = nil) async throws -> [Digest] {
        guard let identity else { throw ServiceError.notAuthenticated }
        let tree = try await reporting.tree()
        let account = identity.account
        let today = clock.today()
        let marks = try await store.alertMarks()
        let users = Dictionary(try await store.users().map { ($0.username, $0.unitCode) }, uniquingKeysWith: { a, _ in a })
        var acknowledged: [String: Set<String>] = [:]
        var muted: Set<String> = []
        for mark in marks {
            if mark.kind == .muted, mark.username == account.username { muted.insert(mark.key) }
            if mark.kind == .acknowledged, let unit = users[mark.username] { acknowledged[mark.key, default: []].insert(unit) }
        }
        var byUnit: [String: [InboxItem]] = [:]
        for alert in try await allAlerts() {
            if let filter, alert.unitCode != filter { continue }
            guard Access.allows(account.role, userUnit: account.unitCode, action: .viewStatus, unit: alert.unitCode, tree: tree) else { continue }
            let isMuted = muted.contains(alert.id)
            if isMuted, !showMuted { continue }
            let acked = acknowledged[alert.id]?.contains(alert.unitCode) ?? false
            let escalation = settings.escalation(of: alert, today: today, acknowledged: acked)
            if account.role == .reviewer, alert.unitCode != account.unitCode, escalation < .reviewer { continue }
            byUnit[alert.unitCode, default: []].append(InboxItem(alert: alert, escalation: escalation, acknowledged: acked, muted: isMuted))
        }
        let period = Period(year: today.year, span: .month(today.month))
        let order = Dictionary(tree.subtree(of: tree.root).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let digests = byUnit.compactMap { code, items -> (Digest, Alert.Escalation, Int, Int, Int)? in
            guard let unit = tree[code] else { return nil }
            // Red first, the most escalated, the oldest; sorted by index so the items move once.
            let keys = items.map { ($0.alert.severity == .red ? 0 : 1, -$0.escalation.rawValue, $0.alert.since.ordinal) }
            let sorted = items.indices.sorted { a, b in
                keys[a] != keys[b] ? keys[a] < keys[b] : items[a].alert.id < items[b].alert.id
            }.map { items[$0] }
            let digest = Digest(unit: unit, period: period, items: sorted)
            return (digest, sorted.map(\.escalation).max() ?? .unit, digest.red, digest.yellow, order[code] ?? 0)
        }
        // The most escalated units first, then the most red, then the most yellow; then the tree's order.
        return digests.sorted { a, b in
            if (a.1, a.2, a.3) != (b.1, b.2, b.3) { return (a.1, a.2, a.3) > (b.1, b.2, b.3) }
            return a.4 < b.4
        }.map(\.0)
    }

    /// Acknowledges, mutes or clears a person's mark on an alert that is in their scope today.
    public func mark(_ key: String, as kind: AlertMark.Kind?, identity: Identity?, actor: Actor) async throws {
        guard let identity else { throw ServiceError.notAuthenticated }
        guard let alert = try await allAlerts().first(where: { $0.id == key }) else { throw ServiceError.notFound(what: "alert \(key)") }
        try await reporting.authorize(identity, .viewStatus, unit: alert.unitCode)
        try await store.markAlert(key: key, username: identity.account.username, mark: kind, actor: actor, unitCode: alert.unitCode)
    }
}
