import Foundation
import PlanCore
import PropertyBased
import Testing

/// Properties the evaluation must have for any data.
@Suite struct EvaluationPropertyTests {
    /// A floor's status never worsens when the latest value rises.
    @Test func floorStatusIsMonotoneInTheLatestValue() async {
        let target = Fixture.target(.floor, 100, unit: "家")
        await propertyCheck(input: Gen.double(in: 0...200), Gen.double(in: 0...150), Gen.double(in: 0...50)) { base, latest, rise in
            let lower = Fixture.evaluate(target, [2022: base, 2024: latest], asOf: 2024)
            let higher = Fixture.evaluate(target, [2022: base, 2024: latest + rise], asOf: 2024)
            #expect(higher.status.favourability >= lower.status.favourability)
        }
    }

    /// Stating the same data in another unit (values and target times a constant) changes no
    /// status, likelihood or progress.
    @Test func statusIsUnitFree() async {
        let kinds: [TargetKind] = [.floor, .ceiling, .reach, .relativeChange, .multiple]
        await propertyCheck(
            input: Gen.int(in: 0...(kinds.count - 1)), Gen.double(in: 1...100), Gen.double(in: 1...100),
            Gen.double(in: 1...100), Gen.double(in: 0.001...1000)
        ) { k, b, mid, y, scale in
            let kind = kinds[k]
            let value: Double = kind == .relativeChange ? -16 : (kind == .multiple ? 2 : 50)
            let direction: Direction = kind == .ceiling || kind == .relativeChange ? .lower : .higher
            let target = Fixture.target(kind, value, unit: "家", direction: direction)
            let plain = Fixture.evaluate(target, [2022: b, 2023: mid, 2024: y], asOf: 2024)
            let scaled = Fixture.evaluate(
                target, [2022: b * scale, 2023: mid * scale, 2024: y * scale], asOf: 2024,
                factor: kind == .relativeChange || kind == .multiple ? 1 : scale)
            #expect(plain.status == scaled.status)
            #expect(plain.likelihood == scaled.likelihood)
            if let p = plain.progress {
                // Equal up to rounding: scaling by up to 1000 moves the last bits, relative to the size of P.
                #expect(abs(p - (scaled.progress ?? .nan)) <= 1e-9 * max(1, abs(p)))
            }
        }
    }

    /// Progress is exactly 1 when the latest value equals the target.
    @Test func progressIsOneAtTheTarget() async {
        await propertyCheck(input: Gen.double(in: -1000...1000), Gen.double(in: 1...1000)) { base, distance in
            let target = Fixture.target(.reach, base + distance, unit: "家")
            let e = Fixture.evaluate(target, [2022: base, 2024: base + distance], asOf: 2024)
            #expect(e.progress == 1)
            #expect(e.status == .achieved)
        }
    }

    /// Time elapsed never exceeds 1, whatever the as-of year.
    @Test func timeElapsedIsAtMostOne() async {
        let target = Fixture.target(.floor, 100, unit: "家")
        await propertyCheck(input: Gen.int(in: 2023...2040)) { asOf in
            let e = Fixture.evaluate(target, [2022: 10, 2023: 20, 2024: 30, 2025: 40], asOf: asOf)
            #expect((e.timeElapsed ?? 0) <= 1)
        }
    }
}
