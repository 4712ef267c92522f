import Foundation
import PlanCore
import PlanServices
import PlanStore

/// How an article is being delivered: its targets, tasks, policies, projects and open orders on
/// one page, with a flag when the work reported and the data disagree.
struct ArticleDeliveryPage {
    struct Model {
        var heading, number, articleHref: String
        var flag: String?
        var labels: [String: String]
        var targets: [Row]
        var tasks: [Row]
        var policies: [Row]
        var projects: [Row]
        var orders: [Row]
        var hasTargets, hasTasks, hasPolicies, hasProjects, hasOrders: Bool
    }

    struct Row {
        var href, id, name, state, stateCode, extra: String
    }

    static func model(_ d: ProjectService.ArticleDelivery, title: String, tree: UnitTree, today: Day, language: Language) -> Model {
        let t = language.t
        var flag: String?
        if d.workFineDataBad {
            flag = t(
                "任务和项目报告进展正常，但本条目标未达进度：请核实报告与数据。",
                "Tasks and projects report fine, but this article's targets are off track: check the reports against the data.")
        } else if d.dataFineWorkBad {
            flag = t("本条目标进度正常，但有任务或项目落后：数据可能尚未反映。", "The targets are on track while tasks or projects lag: the data may not show it yet.")
        }
        func unit(_ code: String) -> String { tree[code].map { t($0.nameZh, $0.nameEn) } ?? code }
        return Model(
            heading: t("第\(d.article)条落实情况", "Delivery of Article \(d.article)") + " · " + title, number: String(d.article),
            articleHref: "/articles/\(d.article)", flag: flag,
            labels: [
                "article": t("条款原文", "The article's text"), "targets": t("目标及状态", "Targets and their status"),
                "tasks": t("工作任务及最新进展", "Tasks and their latest report"), "policies": t("配套政策", "Policies"),
                "projects": t("重大项目及预警", "Projects and their colour"), "orders": t("未办结的督办单", "Open supervision orders"),
                "none": t("无", "None"),
            ],
            targets: d.targets.map { target, e in
                Row(
                    href: "/targets/\(target.id)", id: target.id, name: target.quote, state: e.map { t($0.status.nameZh, $0.status.nameEn) } ?? "—",
                    stateCode: e?.status.rawValue ?? "none", extra: "")
            },
            tasks: d.tasks.map { task, reports in
                let latest = reports.sorted { $0.period > $1.period }.first
                return Row(
                    href: "/tasks/\(task.id)", id: task.number, name: task.title, state: latest.map { t($0.status.nameZh, $0.status.nameEn) } ?? "—",
                    stateCode: latest?.status.rawValue ?? "none",
                    extra: (latest.map { t($0.confidence.nameZh, $0.confidence.nameEn) } ?? "") + " · "
                        + task.leadUnits.map(unit).joined(separator: "、"))
            },
            policies: d.policies.map { p in
                Row(
                    href: "/policies/\(p.id)", id: p.number, name: p.title, state: t(p.status.nameZh, p.status.nameEn), stateCode: p.status.rawValue,
                    extra: "")
            },
            projects: d.projects.map { p, s in
                Row(
                    href: "/projects/\(p.code)", id: p.code, name: p.name, state: ProjectNames.rag(s.rag, language),
                    stateCode: "rag-\(s.rag.rawValue)",
                    extra: ProjectNames.stage(p.stage, language))
            },
            orders: d.orders.map { o in
                Row(
                    href: "/orders/\(o.id)", id: o.id, name: o.matter, state: t(o.state.nameZh, o.state.nameEn), stateCode: o.state.rawValue,
                    extra: unit(o.unitCode) + " · " + o.due.description)
            }, hasTargets: !d.targets.isEmpty, hasTasks: !d.tasks.isEmpty, hasPolicies: !d.policies.isEmpty, hasProjects: !d.projects.isEmpty,
            hasOrders: !d.orders.isEmpty)
    }
}
