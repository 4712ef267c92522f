import Foundation

/// Projects summed up by a dimension (city, sector, article, target): how many, how many of each
/// colour, the year's planned and completed investment; the groups with the most red first.
public struct ProjectRollup: Sendable, Hashable {
    public enum Dimension: String, Sendable, Hashable, CaseIterable {
        case city
        case sector
        case article
        case target

        public var nameZh: String {
            switch self {
            case .city: "按市"
            case .sector: "按领域"
            case .article: "按条款"
            case .target: "按目标"
            }
        }

        public var nameEn: String {
            switch self {
            case .city: "By city"
            case .sector: "By sector"
            case .article: "By article"
            case .target: "By target"
            }
        }
    }

    /// One project as a roll-up reads it.
    public struct Item: Sendable, Hashable {
        public var project: Project
        public var standing: ProjectStanding
        /// The year's investment completed (latest approved report of the year), 万元.
        public var yearDone: Double

        public init(project: Project, standing: ProjectStanding, yearDone: Double) {
            self.project = project
            self.standing = standing
            self.yearDone = yearDone
        }
    }

    public struct Row: Sendable, Hashable {
        public var key: String
        public var count = 0
        public var red = 0
        public var yellow = 0
        public var green = 0
        /// The year's planned and completed investment, 万元.
        public var planned = 0.0
        public var done = 0.0
        /// The group's projects, red first, then yellow, then by code.
        public var codes: [String] = []

        public var completion: Double? { planned > 0 ? done / planned * 100 : nil }
    }

    /// The rows of a roll-up; a project serving several articles or targets counts in each.
    public static func rows(_ items: [Item], by dimension: Dimension, year: Int) -> [Row] {
        // Rows are changed in place (an array element, not a dictionary value copied out and back):
        // a group's code list grows without being copied at every project.
        var rows: [Row] = []
        var index: [String: Int] = [:]
        let ordered = items.sorted { ($0.standing.rag, $0.project.code) < ($1.standing.rag, $1.project.code) }
        for item in ordered {
            let keys: [String]
            switch dimension {
            case .city: keys = [item.project.cityCode]
            case .sector: keys = [item.project.sector]
            case .article: keys = item.project.articles.map(String.init)
            case .target: keys = item.project.targetIDs
            }
            for key in keys {
                let i: Int
                if let known = index[key] {
                    i = known
                } else {
                    i = rows.count
                    index[key] = i
                    rows.append(Row(key: key))
                }
                rows[i].count += 1
                switch item.standing.rag {
                case .red: rows[i].red += 1
                case .yellow: rows[i].yellow += 1
                case .green: rows[i].green += 1
                case .none: break
                }
                rows[i].planned += item.project.planned(in: year)
                rows[i].done += item.yearDone
                rows[i].codes.append(item.project.code)
            }
        }
        return rows.sorted { ($1.red, $1.yellow, $0.key) < ($0.red, $0.yellow, $1.key) }
    }
}
