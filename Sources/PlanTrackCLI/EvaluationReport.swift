import Foundation
import PlanCatalog
import PlanCore

/// The readable status table of `plantrack evaluate`: one line a target, then a summary that
/// says how many targets could be assessed and why the others could not.
struct EvaluationReport {
    let plan: Plan
    let evaluations: [TargetEvaluation]
    let asOf: Int

    func text() -> String {
        let targets = Dictionary(plan.targets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let table = DataTable(
            columns: ["target", "region", "indicator 指标", "latest", "target", "P", "R", "status 状态", "likelihood 预计"],
            rows: evaluations.map { e in
                let indicator = targets[e.targetID].flatMap { plan.indicator($0.indicatorKey) }
                let region = plan.region(e.regionCode)?.nameZh ?? plan.regionGroup(e.regionCode)?.nameZh ?? e.regionCode
                let latest = e.latestValue.map { "\(PlainNumber.format(round4($0))) (\(e.latestPeriod?.description ?? ""))" } ?? ""
                return [
                    .text(e.targetID), .text(region), .text(indicator?.nameZh ?? targets[e.targetID]?.indicatorKey ?? ""),
                    .text(latest), .number(e.targetLevel.map(round4)), .text(percent(e.progress)),
                    .number(e.paceRatio.map { ($0 * 100).rounded() / 100 }), .text("\(e.status.nameZh) \(e.status.code)"),
                    .text(e.likelihood == .unknown ? "" : "\(e.likelihood.nameZh) \(e.likelihood.code)"),
                ]
            })
        return table.terminalText(maxColumnWidth: 28) + "\n" + summary()
    }

    func summary() -> String {
        let assessable = evaluations.filter { $0.status != .notAssessable }
        var lines = [
            "截至 \(asOf) 年：\(evaluations.count) 项目标中 \(assessable.count) 项可评估 · "
                + "as of \(asOf): \(assessable.count) of \(evaluations.count) targets assessable"
        ]
        let counts = Dictionary(grouping: evaluations, by: \.status).mapValues(\.count)
        let statusLine = EvaluationStatus.allCases.compactMap { s in counts[s].map { "\(s.nameZh) \(s.code) \($0)" } }
        lines.append("  " + statusLine.joined(separator: " · "))
        let reasons = Dictionary(
            grouping: evaluations.filter { $0.status == .notAssessable }.flatMap(\.flags).filter(\.isReasonNotAssessable),
            by: { $0 }
        ).mapValues(\.count)
        if !reasons.isEmpty {
            let reasonLine = reasons.sorted { $0.value > $1.value }.map { "\(Self.reasonText($0.key)) \($0.value)" }
            lines.append("  无法评估的原因 not assessable because: " + reasonLine.joined(separator: " · "))
        }
        if assessable.count * 2 < evaluations.count {
            lines.append("  多数目标缺少公开数据，未作推测。Most targets have no published data yet; none is guessed.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func reasonText(_ flag: EvaluationFlag) -> String {
        switch flag {
        case .noBase: "无基期数据 no_base"
        case .noLaterObservation: "基期后无数据 no_later_observation"
        case .stale: "数据过旧 stale"
        case .noFlowInYear: "当年无数据 no_flow_in_year"
        case .gapInFlows: "年度数据缺失 gap_in_flows"
        case .noDirection: "方向不明 no_direction"
        case .notStarted: "尚未开始 not_started"
        default: flag.code
        }
    }

    private func percent(_ x: Double?) -> String {
        x.map { PlainNumber.format(($0 * 1000).rounded() / 10) + "%" } ?? ""
    }

    private func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
