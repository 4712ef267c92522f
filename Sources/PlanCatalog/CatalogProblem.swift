import Foundation

/// One thing wrong with a catalog: which file, where in it, which entry and field, and what.
public struct CatalogProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file's path relative to the catalog directory, e.g. `targets/ch02.yaml`.
    public var file: String
    /// The 1-based line in the file, when known.
    public var line: Int?
    /// The entry: a target id, an indicator key, an article number, a CSV row.
    public var entry: String?
    /// The field of the entry.
    public var field: String?
    /// What is wrong, in plain words.
    public var message: String

    public init(file: String, line: Int? = nil, entry: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.entry = entry
        self.field = field
        self.message = message
    }

    /// `targets/ch02.yaml:45: A003-1: value: expected a number, found "abc"`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let entry { text += ": \(entry)" }
        if let field { text += ": \(field)" }
        return text + ": " + message
    }
}

/// A catalog that could not be loaded, with every problem found.
public struct CatalogError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var problems: [CatalogProblem]

    public init(problems: [CatalogProblem]) {
        self.problems = problems
    }

    public var description: String {
        let head = problems.count == 1 ? "The catalog has 1 problem:" : "The catalog has \(problems.count) problems:"
        return ([head] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }

    public var errorDescription: String? { description }
}

/// Problems found while reading, collected rather than thrown so that one run reports them all.
final class ProblemLog {
    private(set) var problems: [CatalogProblem] = []

    func add(_ problem: CatalogProblem) {
        problems.append(problem)
    }

    func add(file: String, line: Int? = nil, entry: String? = nil, field: String? = nil, _ message: String) {
        add(CatalogProblem(file: file, line: line, entry: entry, field: field, message: message))
    }
}
