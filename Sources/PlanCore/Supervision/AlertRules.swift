import Foundation

/// Computes alerts from the data.
public enum AlertRules {
    /// Milestones and tasks due soon or overdue, for each lead unit. A milestone is done when a
    /// lead unit reported it done; a task is done for a unit when that unit's latest counting
    /// report (submitted or approved) says done. Work with no deadline raises none.
    public static func tasks(_ tasks: [WorkTask], progress: [ProgressReport], today: Day, settings: AlertSettings) -> [Alert] {
        let latest = ProgressReport.latestCounting(progress)
        var alerts: [Alert] = []
        for task in tasks {
            let link = "/tasks/\(task.id)"
            let name = task.title.count > 40 ? String(task.title.prefix(40)) + "…" : task.title
            for unit in task.leadUnits {
                if latest["\(task.id)|\(unit)"]?.status == .done { continue }
                for (i, milestone) in task.milestones.enumerated() where milestone.doneOn == nil {
                    if let alert = dueAlert(
                        due: milestone.due, today: today, settings: settings, overdue: .milestoneOverdue, soon: .milestoneDueSoon, unit: unit,
                        subject: "\(task.id)#\(i + 1)", link: link,
                        zh: "任务 \(task.number)「\(name)」的节点「\(milestone.deliverable)」", en: "Task \(task.number), milestone \(i + 1)")
                    {
                        alerts.append(alert)
                    }
                }
                if let due = task.due,
                    let alert = dueAlert(
                        due: due, today: today, settings: settings, overdue: .taskOverdue, soon: .taskDueSoon, unit: unit, subject: task.id,
                        link: link,
                        zh: "任务 \(task.number)「\(name)」", en: "Task \(task.number)")
                {
                    alerts.append(alert)
                }
            }
        }
        return alerts
    }

    /// Supervision orders waiting for their unit, due soon (yellow) or past their due day (red).
    public static func orders(_ orders: [SupervisionOrder], today: Day, settings: AlertSettings) -> [Alert] {
        orders.compactMap { order in
            guard order.awaitsUnit else { return nil }
            let matter = order.matter.count > 40 ? String(order.matter.prefix(40)) + "…" : order.matter
            return dueAlert(
                due: order.due, today: today, settings: settings, overdue: .orderOverdue, soon: .orderDueSoon, unit: order.unitCode,
                subject: order.id, link: "/orders/\(order.id)", zh: "\(order.level.nameZh)督办 \(order.numberZh)「\(matter)」",
                en: "\(order.level.nameEn) supervision order \(order.year)/\(order.seq)")
        }
    }

    /// Policies not issued yet, due soon (yellow) or past their planned day (red), for their
    /// lead issuing unit.
    public static func policies(_ policies: [Policy], today: Day, settings: AlertSettings) -> [Alert] {
        policies.compactMap { policy in
            guard policy.status == .planned || policy.status == .drafting, let planned = policy.planned, let unit = policy.issuers.first else {
                return nil
            }
            let title = policy.title.count > 40 ? String(policy.title.prefix(40)) + "…" : policy.title
            return dueAlert(
                due: planned, today: today, settings: settings, overdue: .policyOverdue, soon: .policyDueSoon, unit: unit, subject: policy.id,
                link: "/policies/\(policy.id)", zh: "政策「\(title)」", en: "Policy \(policy.number)")
        }
    }

    static func dueAlert(
        due: Day, today: Day, settings: AlertSettings, overdue: Alert.Kind, soon: Alert.Kind, unit: String, subject: String, link: String, zh: String,
        en: String
    ) -> Alert? {
        let days = due.ordinal - today.ordinal
        if days < 0 {
            return Alert(
                kind: overdue, severity: .red, unitCode: unit, subject: subject, since: due.adding(days: 1),
                textZh: "\(zh)已逾期 \(-days) 天（完成时限 \(due)）", textEn: "\(en) is \(-days) days overdue (due \(due))", link: link)
        }
        if days <= settings.dueSoonDays {
            return Alert(
                kind: soon, severity: .yellow, unitCode: unit, subject: subject, since: due.adding(days: -settings.dueSoonDays),
                textZh: "\(zh)将于 \(days) 天后到期（\(due)）", textEn: "\(en) is due in \(days) days (\(due))", link: link)
        }
        return nil
    }

    /// The statuses that raise a target alert, with their severity.
    public static func severity(of status: EvaluationStatus) -> Alert.Severity? {
        switch status {
        case .seriouslyBehind, .movingAway, .slipped: .red
        case .behind, .compliantAtRisk: .yellow
        case .achieved, .onTrack, .notAssessable: nil
        }
    }
}
