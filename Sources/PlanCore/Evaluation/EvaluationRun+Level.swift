import Foundation

extension EvaluationRun {
    /// Level targets: floor, ceiling, reach, about, relative change, multiple, percentage-point
    /// change, annual growth and coverage.
    mutating func evaluateLevel() {
        let tT = target.deadline.finalYear(planEnd: planEndYear)
        let te = min(asOf, tT)
        guard let (t0, b) = findBase(evaluationYear: te) else { return }
        result.baseYear = t0
        result.baseValue = b
        guard t0 < tT else {
            notAssessable(.notStarted, "The base year \(t0) is not before the deadline \(tT).")
            return
        }
        guard let (_, y) = findLatest(after: t0, evaluationYear: te) else { return }
        let tau = Double(te - t0) / Double(tT - t0)
        result.timeElapsed = tau
        result.explanation.step("τ = (t − t0)/(tT − t0)", tau)

        guard let goal = Goal.resolve(target, base: b, latest: y, years: Double(tT - t0), factor: levelFactor) else {
            notAssessable(.noDirection, "The desired direction cannot be determined: the target equals the base.")
            return
        }
        let t = goal.level
        result.targetLevel = t
        result.stretchLevel = goal.stretch
        result.band = goal.band
        result.direction = Direction(rawValue: Int(goal.d))
        result.explanation.inputs.append(.init(name: "target", value: t, source: "catalog"))

        var multiplicative = target.kind == .annualGrowth || target.form == .multiplicative
        if multiplicative, !(b > 0 && y > 0 && t > 0) {
            multiplicative = false
            result.flags.append(.formFallback)
            result.explanation.notes.append("A value ≤ 0 rules out growth rates: the additive form is used.")
        }

        // Attainment and "maintain" (rule 9).
        let insideBand = goal.band != nil && goal.inBand(y)
        let years = Double(te - t0)
        var observedRate: Double? = nil
        let attained: Bool
        if insideBand {
            attained = true
        } else if let g = goal.growth, multiplicative {
            let rate = pow(y / b, 1 / years) - 1
            observedRate = rate
            attained = Tolerant.greaterOrEqual(goal.d * rate, goal.d * g)
        } else {
            attained = Tolerant.greaterOrEqual(goal.d * y, goal.d * t)
        }
        let maintain =
            insideBand ? goal.inBand(b) : Tolerant.lessOrEqual(goal.d * t, goal.d * b)
        if maintain { result.flags.append(.maintain) }

        // Progress, pace and trajectory.
        if !maintain && !insideBand {
            if let g = goal.growth, let rate = observedRate {
                result.progress = rate / g
                result.paceRatio = goal.d * rate / abs(g)
                result.explanation.formula = "P = ḡ/g; R = d·ḡ/|g|; ḡ = (y/B)^(1/(t−t0)) − 1"
                result.explanation.step("ḡ observed growth rate", rate)
                result.explanation.step("g target growth rate", g)
            } else {
                let p = (y - b) / (t - b)
                result.progress = p
                if multiplicative {
                    let observed = pow(y / b, 1 / years) - 1
                    let required = pow(t / b, 1 / Double(tT - t0)) - 1
                    result.paceRatio = goal.d * observed / abs(required)
                    result.explanation.formula = "P = (y − B)/(T − B); R = d·CAGR(B→y)/|CAGR(B→T)|"
                    result.explanation.step("CAGR observed", observed)
                    result.explanation.step("CAGR required", required)
                } else {
                    result.paceRatio = p / tau
                    result.explanation.formula = "P = (y − B)/(T − B); R = P/τ"
                }
            }
            result.explanation.step("P progress", result.progress)
            result.explanation.step("R pace ratio", result.paceRatio)
        } else {
            result.explanation.formula = insideBand ? "inside the band [T − tol, T + tol]" : "maintain: d·(y − T) ≥ 0"
        }
        if !insideBand {
            result.trajectoryValue = multiplicative ? b * pow(t / b, tau) : b + (t - b) * tau
            result.explanation.step("y* planned trajectory", result.trajectoryValue)
        }

        // Projection from (t0, B) and the real observations after it.
        var points: [(year: Double, value: Double)] = [(Double(t0), b)]
        points.reserveCapacity(series.years.count + 1)
        for year in series.years where year > t0 && year <= te {
            points.append((Double(year), series[year]!))
        }
        var trend = Trend.fit(points, to: Double(tT), multiplicative: multiplicative)
        if trend == nil, multiplicative {
            trend = Trend.fit(points, to: Double(tT), multiplicative: false)
            if trend != nil, !result.flags.contains(.formFallback) { result.flags.append(.formFallback) }
        }
        if let trend { record(trend) }

        // Status (§4) and likelihood (§6), with Theil–Sen as the robustness check.
        func status(projection: Double?) -> EvaluationStatus {
            if attained {
                guard goal.projectionCheck, let projection else { return .achieved }
                return Tolerant.lessOrEqual(projection, t) ? .achieved : .compliantAtRisk
            }
            if maintain { return .slipped }
            return EvaluationStatus.forPace(result.paceRatio ?? 0)
        }
        let central = status(projection: trend?.projection)
        result.status = central
        if let trend {
            let robust = status(projection: trend.theilSenProjection)
            var likely = likelihood(goal: goal, latest: y, projection: trend.projection, slope: trend.slope)
            let robustLikely = likelihood(
                goal: goal, latest: y, projection: trend.theilSenProjection, slope: trend.theilSenSlope)
            if robust != central || robustLikely != likely {
                result.flags.append(.trendDisagreement)
                if robust.favourability < central.favourability { result.status = robust }
                if robustLikely.favourability < likely.favourability { likely = robustLikely }
            }
            result.likelihood = likely
        }
    }

    /// The base year and value (rule 2): a value stated in the catalog, the observation at `t0`,
    /// the latest in the three years before, or the earliest after with a later one to follow.
    mutating func findBase(evaluationYear te: Int) -> (Int, Double)? {
        let t0 = target.baseYear ?? defaultBaseYear
        if let stated = target.baseValue {
            let b = stated * levelFactor
            result.explanation.inputs.append(.init(name: "base", value: b, period: Period(year: t0), source: "catalog"))
            return (t0, b)
        }
        let usable = series.years.prefix { $0 <= te }
        var year: Int? = usable.contains(t0) ? t0 : nil
        if year == nil, let before = usable.last(where: { $0 >= t0 - 3 && $0 < t0 }) {
            year = before
        }
        if year == nil, let after = usable.first(where: { $0 > t0 }), usable.contains(where: { $0 > after }) {
            year = after
        }
        guard let year, let b = series[year] else {
            notAssessable(.noBase, "No observation at or near the base year \(t0).")
            return nil
        }
        if year != t0 {
            result.flags.append(.baseShifted)
            result.explanation.notes.append("No value in \(t0): the base moves to \(year).")
        }
        if let i = input("base", year: year) { result.explanation.inputs.append(i) }
        return (year, b)
    }

    /// The latest real observation in `(t0, te]` (rule 3): the value of `te`, or of `te − 1`
    /// carried forward and flagged lagged.
    mutating func findLatest(after t0: Int, evaluationYear te: Int) -> (Int, Double)? {
        guard let last = series.years.last(where: { $0 > t0 && $0 <= te }), let y = series[last] else {
            notAssessable(.noLaterObservation, "No observation after the base year \(t0) up to \(te).")
            return nil
        }
        guard last >= te - 1 else {
            notAssessable(.stale, "The latest value is from \(last), older than \(te - 1).")
            return nil
        }
        if last < te {
            result.flags.append(.lagged)
            result.explanation.notes.append("No value for \(te): the \(last) value is carried forward.")
        }
        result.latestPeriod = series.observation(last)?.period
        result.latestValue = y
        noteEstimate(year: last)
        if let i = input("latest", year: last) { result.explanation.inputs.append(i) }
        return (last, y)
    }

    mutating func record(_ trend: Trend) {
        result.projection = trend.projection
        result.projectionLow = trend.low
        result.projectionHigh = trend.high
        result.pointsUsed = trend.points
        result.confidence = trend.confidence
        result.explanation.step("projection (OLS)", trend.projection)
        result.explanation.step("projection (Theil–Sen)", trend.theilSenProjection)
    }

    /// The likelihood label (rule 14) for a projection, given the goal.
    func likelihood(goal: Goal, latest y: Double, projection: Double, slope: Double) -> Likelihood {
        func gap(_ level: Double, _ d: Double) -> Double {
            let remaining = abs(level - y)
            let miss = d * (level - projection)
            if remaining == 0 { return miss > 0 ? .infinity : -.infinity }
            return miss / remaining
        }
        var g: Double
        // Inside a band d = 0 (rule 7): no trend is "the wrong way" there.
        let d = goal.d
        if let band = goal.band {
            g = max(gap(band.lowerBound, 1), gap(band.upperBound, -1))
        } else {
            g = gap(goal.level, d)
        }
        if Tolerant.lessOrEqual(g, 0.05) { return .likely }
        if Tolerant.lessOrEqual(g, 0.20) { return .atRisk }
        return d * slope < 0 ? .movingAway : .unlikely
    }
}
