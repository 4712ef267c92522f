import Foundation
import PlanCore
import Testing

/// The worked examples of the evaluation rules, §9.
@Suite struct WorkedExampleTests {
    /// (a) Floor, additive: R&D intensity 2.6% by 2025, base year 2020.
    @Test func floorAdditive() {
        let target = Fixture.target(.floor, 2.6, baseYear: 2020)
        let e = Fixture.evaluate(target, [2020: 2.15, 2022: 2.31], asOf: 2022)
        #expect(close(e.progress, 0.356))
        #expect(close(e.timeElapsed, 0.4))
        #expect(close(e.paceRatio, 0.889))
        #expect(e.status == .behind)
        #expect(close(e.projection, 2.55))
        #expect(e.likelihood == .atRisk)  // G = 0.05/0.29 = 0.172
        #expect(e.pointsUsed == 2)
        #expect(close(e.trajectoryValue, 2.33))
    }

    /// (a) The multiplicative check: CAGR 3.654%/yr observed against 3.874%/yr required.
    @Test func floorMultiplicativeCheck() {
        let target = Fixture.target(.floor, 2.6, baseYear: 2020, form: .multiplicative)
        let e = Fixture.evaluate(target, [2020: 2.15, 2022: 2.31], asOf: 2022)
        #expect(close(e.paceRatio, 0.943))
        #expect(e.status == .behind)
        #expect(e.explanation.steps.contains { $0.name == "CAGR observed" && close($0.value, 0.03654, 5) })
        #expect(e.explanation.steps.contains { $0.name == "CAGR required" && close($0.value, 0.03874, 5) })
    }

    /// (b) Ceiling: total water use ≤ 241.1, compliant and projected within the cap.
    @Test func ceilingAchievedWithProjectionCheck() {
        let target = Fixture.target(.ceiling, 241.1, unit: "亿立方米", baseYear: 2020, direction: .lower, form: .multiplicative, binding: true)
        let e = Fixture.evaluate(target, [2020: 205, 2022: 210], asOf: 2022)
        #expect(close(e.projection, 217.73, 2))
        #expect(e.status == .achieved)
        #expect(e.flags.contains(.maintain))
        #expect(e.progress == nil && e.paceRatio == nil)

        let additive = Fixture.evaluate(
            Fixture.target(.ceiling, 241.1, unit: "亿立方米", baseYear: 2020, direction: .lower, form: .additive),
            [2020: 205, 2022: 210], asOf: 2022)
        #expect(close(additive.projection, 217.5))
    }

    /// (c) Relative change: water use per 10,000 yuan of GDP down 16% on 2020.
    @Test func relativeChange() {
        let target = Fixture.target(.relativeChange, -16, baseYear: 2020, direction: .lower)
        let e = Fixture.evaluate(target, [2020: 30.0, 2022: 27.6], asOf: 2022)
        #expect(close(e.targetLevel, 25.2))
        #expect(close(e.progress, 0.5))
        #expect(close(e.paceRatio, 1.19, 2))
        #expect(e.status == .onTrack)
        #expect(close(e.projection, 24.36, 2))
        #expect(e.likelihood == .likely)
        #expect(close(e.trajectoryValue, 27.979))
    }

    /// (d) Count: 30 national key laboratories by 2025.
    @Test func count() {
        let target = Fixture.target(.floor, 30, unit: "家", baseYear: 2020)
        let e = Fixture.evaluate(target, [2020: 15, 2023: 21], asOf: 2023)
        #expect(close(e.progress, 0.4))
        #expect(close(e.timeElapsed, 0.6))
        #expect(close(e.paceRatio, 0.667))
        #expect(e.status == .behind)
        #expect(close(e.projection, 25))
        #expect(e.likelihood == .unlikely)  // G = 5/9 = 0.56, moving the right way
        #expect(close(e.trajectoryValue, 24))
    }

    /// (e) About, directional: "13%左右" is a floor at 12.5.
    @Test func aboutDirectional() {
        let target = Fixture.target(.about, 13, tolerance: 0.5)
        #expect(Fixture.evaluate(target, [2022: 11, 2023: 12.6], asOf: 2023).status == .achieved)
        let below = Fixture.evaluate(target, [2022: 11, 2023: 12.4], asOf: 2023)
        #expect(below.status != .achieved)
        #expect(close(below.targetLevel, 12.5))
    }
}
