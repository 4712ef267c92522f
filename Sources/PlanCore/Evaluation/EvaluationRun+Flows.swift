import Foundation

extension EvaluationRun {
    /// Annual counts (每年 X, rules 11 and 20): each year on its own, judged on the flow of the
    /// evaluation year; `B = 0`, `τ = 1`, `R = P = a_t / X`.
    mutating func evaluateAnnualCount() {
        let te = min(asOf, planEndYear)
        guard let a = series[te] else {
            notAssessable(.noFlowInYear, "No flow reported for \(te).")
            return
        }
        guard let goal = Goal.resolve(target, base: 0, latest: a, years: 1, factor: levelFactor) else { return }
        let x = goal.level
        result.latestPeriod = series.observation(te)?.period
        result.latestValue = a
        result.baseValue = 0
        result.targetLevel = x
        result.stretchLevel = goal.stretch
        result.direction = Direction(rawValue: Int(goal.d))
        result.timeElapsed = 1
        result.trajectoryValue = x
        noteEstimate(year: te)
        if let i = input("flow \(te)", year: te) { result.explanation.inputs.append(i) }
        result.explanation.formula = "annual count: P = R = a_t / X"
        let p = x != 0 ? a / x : nil
        result.progress = p
        result.paceRatio = p
        result.explanation.step("P = R", p)
        let attained = Tolerant.greaterOrEqual(goal.d * a, goal.d * x)
        result.status = attained ? .achieved : EvaluationStatus.forPace(p ?? 0)

        // The projection uses the flows alone: no (t0, B) point.
        let t0 = target.baseYear ?? defaultBaseYear
        let points = series.years.filter { $0 > t0 && $0 <= te }.map { (year: Double($0), value: series[$0]!) }
        if let trend = Trend.fit(points, to: Double(planEndYear), multiplicative: false) {
            record(trend)
            judgeLikelihood(goal: goal, latest: a, trend: trend)
        }
    }

    /// Cumulative totals (累计, 十四五期间, rules 4 and 20): the running sum of the flows of the
    /// window from 0; any missing year inside the window makes the target not assessable.
    mutating func evaluateCumulative() {
        // The window's first year, or the year after the stated (or default) base year.
        let (first, tT): (Int, Int) =
            if case .window(let a, let b) = target.deadline {
                (a, b)
            } else {
                ((target.baseYear ?? defaultBaseYear) + 1, target.deadline.finalYear(planEnd: planEndYear))
            }
        let t0 = first - 1
        let te = min(asOf, tT)
        result.baseYear = t0
        result.baseValue = 0
        guard te >= first else {
            notAssessable(.notStarted, "The window starts in \(first), after \(te).")
            return
        }
        var sum = 0.0
        var points: [(year: Double, value: Double)] = [(Double(t0), 0)]
        var missing: [Int] = []
        for year in first...te {
            guard let flow = series[year] else {
                missing.append(year)
                continue
            }
            sum += flow
            points.append((Double(year), sum))
            if let i = input("flow \(year)", year: year) { result.explanation.inputs.append(i) }
        }
        guard missing.isEmpty else {
            let list = missing.map(String.init).joined(separator: ", ")
            notAssessable(.gapInFlows, "No flow reported for \(list): flows are never imputed.")
            return
        }
        guard let goal = Goal.resolve(target, base: 0, latest: sum, years: 1, factor: levelFactor) else { return }
        let x = goal.level
        let tau = Double(te - t0) / Double(tT - t0)
        result.latestPeriod = series.observation(te)?.period
        result.latestValue = sum
        result.targetLevel = x
        result.stretchLevel = goal.stretch
        result.direction = Direction(rawValue: Int(goal.d))
        result.timeElapsed = tau
        result.trajectoryValue = x * tau
        noteEstimate(year: te)
        result.explanation.formula = "cumulative: S_t = Σ flows since \(first); P = S_t/X; R = P/τ; y* = X·τ"
        let p: Double? = x != 0 ? sum / x : nil
        result.progress = p
        result.paceRatio = p.map { $0 / tau }
        result.explanation.step("S_t running total", sum)
        result.explanation.step("τ", tau)
        result.explanation.step("P progress", p)
        result.explanation.step("R pace ratio", result.paceRatio)
        let attained = Tolerant.greaterOrEqual(goal.d * sum, goal.d * x)
        result.status = attained ? .achieved : EvaluationStatus.forPace(result.paceRatio ?? 0)
        if let trend = Trend.fit(points, to: Double(tT), multiplicative: false) {
            record(trend)
            judgeLikelihood(goal: goal, latest: sum, trend: trend)
        }
    }

    /// The likelihood from the OLS projection, checked against Theil–Sen (rules 13 and 25): the less
    /// favourable label is kept, and a disagreement is flagged.
    mutating func judgeLikelihood(goal: Goal, latest: Double, trend: Trend) {
        let central = likelihood(goal: goal, latest: latest, projection: trend.projection, slope: trend.slope)
        let robust = likelihood(goal: goal, latest: latest, projection: trend.theilSenProjection, slope: trend.theilSenSlope)
        if robust != central { result.flags.append(.trendDisagreement) }
        result.likelihood = robust.favourability < central.favourability ? robust : central
    }
}

extension EvaluationRun {
    /// Makes the status and the outlook agree (rules 4 and 14, as PlanTrack reads them): a target
    /// met now whose trend says it will be missed is 达标但有风险, never 已达标 beside 难以完成; and
    /// once the deadline's own value is in, the outlook is 已到期 — the status says how it ended.
    mutating func settleOutlook(deadline: Int) {
        guard result.status != .notAssessable else { return }
        if result.status == .achieved, [.atRisk, .unlikely, .movingAway].contains(result.likelihood) {
            result.status = .compliantAtRisk
            result.explanation.notes.append("Met now, but the trend misses the target by \(deadline): compliant, at risk.")
        }
        if let year = result.latestPeriod?.year, year >= deadline {
            result.likelihood = .ended
        }
    }
}
