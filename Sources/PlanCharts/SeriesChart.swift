import Foundation

/// The chart of one target: observations, base, target level, planned trajectory and the
/// projection to the deadline with its band. Rendered as self-contained SVG text.
public struct SeriesChart: Sendable {
    public struct Point: Sendable, Hashable {
        public var year: Double
        public var value: Double
        public init(year: Double, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public var observations: [Point]
    public var base: Point?
    public var targetLevel: Double?
    /// The band of an "about" target (左右), drawn as a band rather than one line.
    public var targetBand: ClosedRange<Double>?
    public var deadline: Double
    public var trajectory: [Point]
    /// From the last real point to the deadline: central, low and high values at the deadline.
    public var projection: (from: Point, central: Double, low: Double, high: Double)?
    public var unit: String
    /// Accessible title (e.g. the indicator name).
    public var title: String
    /// Labels in the page's language.
    public var labels: Labels

    public struct Labels: Sendable {
        public var observed, target, trajectory, projection, base: String
        public init(observed: String, target: String, trajectory: String, projection: String, base: String) {
            self.observed = observed
            self.target = target
            self.trajectory = trajectory
            self.projection = projection
            self.base = base
        }
    }

    public init(
        observations: [Point], base: Point?, targetLevel: Double?, deadline: Double, trajectory: [Point],
        projection: (from: Point, central: Double, low: Double, high: Double)?, unit: String, title: String, labels: Labels
    ) {
        self.observations = observations
        self.base = base
        self.targetLevel = targetLevel
        self.deadline = deadline
        self.trajectory = trajectory
        self.projection = projection
        self.unit = unit
        self.title = title
        self.labels = labels
    }

    public func svg(width: Double = 640, height: Double = 320) -> String {
        let left = 64.0
        let right = 16.0
        let top = 24.0
        let bottom = 56.0
        var years = observations.map(\.year) + trajectory.map(\.year) + [deadline]
        if let base { years.append(base.year) }
        var values = observations.map(\.value) + trajectory.map(\.value)
        if let base { values.append(base.value) }
        if let targetLevel { values.append(targetLevel) }
        if let band = targetBand { values += [band.lowerBound, band.upperBound] }
        if let p = projection { values += [p.central, p.low, p.high] }
        let finite = values.filter(\.isFinite)
        let y0 = (years.min() ?? deadline - 5).rounded(.down)
        let y1 = max((years.max() ?? deadline).rounded(.up), y0 + 1)
        func label(_ y: Double) -> String { y.isFinite && abs(y) < 1e6 ? String(Int(y)) : "" }
        var v0 = finite.min() ?? 0
        var v1 = finite.max() ?? 1
        if v0 == v1 {
            v0 -= 1
            v1 += 1
        }
        let pad = (v1 - v0) * 0.08
        v0 -= pad
        v1 += pad
        let ticks = AxisTicks.ticks(low: v0, high: v1)
        if let first = ticks.first, first < v0 { v0 = first }
        if let last = ticks.last, last > v1 { v1 = last }
        func x(_ year: Double) -> Double { left + (year - y0) / (y1 - y0) * (width - left - right) }
        func y(_ value: Double) -> Double { top + (v1 - value) / (v1 - v0) * (height - top - bottom) }
        let n = SVGText.n
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart series-chart" viewBox="0 0 \(n(width)) \(n(height))" role="img" aria-label="\(SVGText.escape(title))">
            <title>\(SVGText.escape(title))</title>

            """
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for t in ticks {
            out += "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(t)))\" y2=\"\(n(y(t)))\"/>"
            out += "<text class=\"tick\" x=\"\(n(left - 6))\" y=\"\(n(y(t) + 4))\" text-anchor=\"end\">\(AxisTicks.label(t, step: step))</text>\n"
        }
        for year in stride(from: y0, through: min(y1, y0 + 60), by: 1) {
            out += "<text class=\"tick\" x=\"\(n(x(year)))\" y=\"\(n(height - bottom + 18))\" text-anchor=\"middle\">\(label(year))</text>"
        }
        out += "<text class=\"unit\" x=\"4\" y=\"\(n(top - 4))\" text-anchor=\"start\">\(SVGText.escape(unit))</text>\n"
        if let p = projection {
            out +=
                "<polygon class=\"band\" points=\"\(n(x(p.from.year))),\(n(y(p.from.value))) \(n(x(deadline))),\(n(y(p.high))) \(n(x(deadline))),\(n(y(p.low)))\"/>"
            out +=
                "<line class=\"projection\" x1=\"\(n(x(p.from.year)))\" y1=\"\(n(y(p.from.value)))\" x2=\"\(n(x(deadline)))\" y2=\"\(n(y(p.central)))\"/>\n"
        }
        if trajectory.count >= 2 {
            out += "<polyline class=\"trajectory\" points=\"\(trajectory.map { "\(n(x($0.year))),\(n(y($0.value)))" }.joined(separator: " "))\"/>\n"
        }
        if let band = targetBand {
            out +=
                "<rect class=\"target-band\" x=\"\(n(left))\" y=\"\(n(y(band.upperBound)))\" width=\"\(n(width - right - left))\" height=\"\(n(max(1, y(band.lowerBound) - y(band.upperBound))))\"/>"
            out +=
                "<line class=\"target-point\" x1=\"\(n(x(deadline)))\" x2=\"\(n(x(deadline)))\" y1=\"\(n(y(band.upperBound)))\" y2=\"\(n(y(band.lowerBound)))\" stroke-width=\"6\"/>\n"
        } else if let t = targetLevel {
            out += "<line class=\"target\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(t)))\" y2=\"\(n(y(t)))\"/>"
            out += "<circle class=\"target-point\" cx=\"\(n(x(deadline)))\" cy=\"\(n(y(t)))\" r=\"5\"/>\n"
        }
        if observations.count >= 2 {
            out += "<polyline class=\"observed\" points=\"\(observations.map { "\(n(x($0.year))),\(n(y($0.value)))" }.joined(separator: " "))\"/>\n"
        }
        for p in observations {
            out +=
                "<circle class=\"observation\" cx=\"\(n(x(p.year)))\" cy=\"\(n(y(p.value)))\" r=\"4\"><title>\(label(p.year)): \(SVGText.escape(AxisTicks.label(p.value, step: 0.01)))</title></circle>"
        }
        if let b = base {
            out += "<rect class=\"base\" x=\"\(n(x(b.year) - 5))\" y=\"\(n(y(b.value) - 5))\" width=\"10\" height=\"10\"/>\n"
        }
        // Legend: only what is drawn.
        let ly = height - 14
        var items: [(String, String)] = []
        if !observations.isEmpty { items.append(("observation", labels.observed)) }
        if base != nil { items.append(("base", labels.base)) }
        if targetBand != nil {
            items.append(("target-band", labels.target))
        } else if targetLevel != nil {
            items.append(("target-point", labels.target))
        }
        if trajectory.count >= 2 { items.append(("trajectory", labels.trajectory)) }
        if projection != nil { items.append(("projection", labels.projection)) }
        var lx = left
        for (cls, text) in items {
            out += "<g class=\"legend\"><rect class=\"swatch \(cls)\" x=\"\(n(lx))\" y=\"\(n(ly - 9))\" width=\"12\" height=\"10\"/>"
            out += "<text x=\"\(n(lx + 16))\" y=\"\(n(ly))\">\(SVGText.escape(text))</text></g>"
            lx += 28 + Double(text.count) * (text.unicodeScalars.contains { $0.value > 0x2E80 } ? 13 : 7)
        }
        return out + "\n</svg>"
    }
}
