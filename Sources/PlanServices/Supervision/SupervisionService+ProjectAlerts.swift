import Foundation
import PlanCore
import PlanStore

extension SupervisionService {
    /// How many due months back a missing project report is still raised.
    static let projectReportLookback = 3

    /// Project alerts: a monthly dispatch report not made by its due day (for the project's unit),
    /// and a project problem open past its due day (for the unit that must solve it).
    func projectAlerts(today: Day) async throws -> [Alert] {
        let projects = try await store.projects().filter { $0.stage.reportsMonthly }
        var alerts: [Alert] = []
        if !projects.isEmpty {
            let rules = try await store.projectRules()
            let last = ProjectStanding.lastDueMonth(today: today, dueDay: rules.dueDay)
            var months: [Period] = [last]
            while months.count < Self.projectReportLookback, case .month(let m) = months.last!.span {
                let y = months.last!.year
                months.append(m == 1 ? Period(year: y - 1, span: .month(12)) : Period(year: y, span: .month(m - 1)))
            }
            let reported = try await store.reportedMonths(since: months.last!)
            for p in projects {
                // A project owes reports from the month it entered the annual plan.
                for month in months where month >= p.reportsFrom && !(reported[p.code]?.contains(month.description) ?? false) {
                    let due = DispatchCalendar.due(month, dueDay: rules.dueDay)
                    alerts.append(
                        Alert(
                            kind: .projectReportOverdue, severity: .red, unitCode: p.unitCode, subject: "\(p.code) \(month)",
                            since: due.adding(days: 1),
                            textZh: "项目「\(p.name)」\(month) 月度调度逾期未报（应于 \(due) 前报送）",
                            textEn: "Project \(p.code): the \(month) dispatch report is overdue (due \(due))", link: "/projects/\(p.code)#report"))
                }
            }
        }
        for problem in try await store.projectProblems(code: nil) where problem.isOverdue(today: today) && problem.orderID == nil {
            alerts.append(
                Alert(
                    kind: .projectProblemOverdue, severity: .yellow, unitCode: problem.ownerUnit, subject: "\(problem.code) #\(problem.id)",
                    since: problem.due.adding(days: 1), textZh: "项目 \(problem.code) 的问题逾期未解决：\(problem.text.prefix(60))",
                    textEn: "Project \(problem.code): a problem is past its due day \(problem.due)", link: "/projects/\(problem.code)#problems"))
        }
        return alerts
    }
}
