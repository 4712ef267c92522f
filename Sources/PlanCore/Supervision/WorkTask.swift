import Foundation

/// One row of a responsibility list (责任清单): an annual work task (年度工作任务) under an article
/// of the plan, with its lead units (牵头单位), cooperating units (配合单位), its deadline and
/// deliverable, the targets it serves and its milestones.
public struct WorkTask: Sendable, Hashable, Identifiable {
    /// `2026-3`: the year and the list's number (序号).
    public var id: String
    public var year: Int
    /// The list's own number (序号), as written: `3`, `2.1`.
    public var number: String
    /// The row's place in the list.
    public var position: Int
    /// The task (重点任务).
    public var title: String
    /// The article it carries out (对应条款), if the list names one.
    public var article: Int?
    /// Unit codes, in the order written; at least one.
    public var leadUnits: [String]
    public var supportUnits: [String]
    /// The deadline (完成时限) as a day; `nil` for work without an end (长期坚持).
    public var due: Day?
    /// The deadline as the list writes it (`2026年6月底`, `长期坚持`).
    public var dueText: String
    /// What is delivered (交付成果), if the list says.
    public var deliverable: String
    /// Targets the task serves (关联目标), by id.
    public var targetIDs: [String]
    /// Intermediate steps, by due day.
    public var milestones: [Milestone]

    public init(
        year: Int, number: String, position: Int, title: String, article: Int?, leadUnits: [String], supportUnits: [String] = [],
        due: Day?, dueText: String, deliverable: String = "", targetIDs: [String] = [], milestones: [Milestone] = []
    ) {
        self.id = Self.id(year: year, number: number)
        self.year = year
        self.number = number
        self.position = position
        self.title = title
        self.article = article
        self.leadUnits = leadUnits
        self.supportUnits = supportUnits
        self.due = due
        self.dueText = dueText
        self.deliverable = deliverable
        self.targetIDs = targetIDs
        self.milestones = milestones
    }

    public static func id(year: Int, number: String) -> String { "\(year)-\(number)" }

    /// Whether a list number can be part of an id and a URL: 1 to 20 ASCII letters, digits, `.`
    /// and `-`.
    public static func validNumber(_ number: String) -> Bool {
        !number.isEmpty && number.count <= 20
            && number.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-") }
    }

    /// Whether `other` says the same as this task, leaving aside its place in the list and what
    /// has been done of its milestones.
    public func sameContent(as other: WorkTask) -> Bool {
        var a = self
        var b = other
        a.position = 0
        b.position = 0
        a.milestones = a.milestones.map { Milestone(due: $0.due, deliverable: $0.deliverable) }
        b.milestones = b.milestones.map { Milestone(due: $0.due, deliverable: $0.deliverable) }
        return a == b
    }

    /// Every unit named, leads first.
    public var units: [String] { leadUnits + supportUnits.filter { !leadUnits.contains($0) } }
}

/// An intermediate step of a task: due by a day, with what it delivers; done when a lead unit's
/// progress report says so.
public struct Milestone: Sendable, Hashable {
    public var due: Day
    public var deliverable: String
    /// The day a lead unit reported it done.
    public var doneOn: Day?
    public var doneBy: String?

    public init(due: Day, deliverable: String, doneOn: Day? = nil, doneBy: String? = nil) {
        self.due = due
        self.deliverable = deliverable
        self.doneOn = doneOn
        self.doneBy = doneBy
    }
}
