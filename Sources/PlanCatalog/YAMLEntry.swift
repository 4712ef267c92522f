import Foundation
import Yams

/// Reads the fields of one YAML mapping, recording a precise problem for every missing, unknown
/// or mistyped field instead of stopping at the first.
struct YAMLEntry {
    let mapping: Node.Mapping
    let file: String
    let line: Int?
    var entry: String?
    let log: ProblemLog

    init?(_ node: Node, file: String, what: String, log: ProblemLog) {
        guard let mapping = node.mapping else {
            log.add(file: file, line: node.mark.map { $0.line }, "expected \(what) as a mapping of fields")
            return nil
        }
        self.mapping = mapping
        self.file = file
        self.line = node.mark.map { $0.line }
        self.log = log
    }

    func problem(_ field: String?, _ message: String, at node: Node? = nil) {
        log.add(file: file, line: node?.mark.map { $0.line } ?? line, entry: entry, field: field, message)
    }

    /// Reports every key that is not in `allowed`.
    func rejectUnknownFields(allowed: Set<String>) {
        for (key, _) in mapping {
            let name = key.string ?? "?"
            if !allowed.contains(name) {
                problem(name, "unknown field (allowed: \(allowed.sorted().joined(separator: ", ")))", at: key)
            }
        }
    }

    /// The node of a field that is present and not null.
    private func value(_ field: String) -> Node? {
        guard let node = mapping[field] else { return nil }
        if isNull(node) { return nil }
        return node
    }

    func isPresent(_ field: String) -> Bool { mapping[field] != nil }

    func requiredString(_ field: String) -> String? {
        guard let node = value(field) else {
            problem(field, "is required")
            return nil
        }
        return string(node, field)
    }

    func optionalString(_ field: String) -> String? {
        value(field).flatMap { string($0, field) }
    }

    private func string(_ node: Node, _ field: String) -> String? {
        guard let scalar = node.scalar else {
            problem(field, "expected text", at: node)
            return nil
        }
        let text = scalar.string
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problem(field, "must not be empty", at: node)
            return nil
        }
        return text
    }

    func requiredInt(_ field: String) -> Int? {
        guard let node = value(field) else {
            problem(field, "is required")
            return nil
        }
        return int(node, field)
    }

    func optionalInt(_ field: String) -> Int? {
        value(field).flatMap { int($0, field) }
    }

    private func int(_ node: Node, _ field: String) -> Int? {
        guard let n = node.scalar.flatMap({ Int($0.string) }) else {
            problem(field, "expected a whole number, found \(quoted(node))", at: node)
            return nil
        }
        return n
    }

    func requiredDouble(_ field: String) -> Double? {
        guard let node = value(field) else {
            problem(field, "is required")
            return nil
        }
        return double(node, field)
    }

    func optionalDouble(_ field: String) -> Double? {
        value(field).flatMap { double($0, field) }
    }

    private func double(_ node: Node, _ field: String) -> Double? {
        guard let text = node.scalar?.string, let x = Double(text), x.isFinite else {
            problem(field, "expected a number, found \(quoted(node))", at: node)
            return nil
        }
        return x
    }

    func requiredBool(_ field: String) -> Bool? {
        guard let node = value(field) else {
            problem(field, "is required")
            return nil
        }
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            problem(field, "expected true or false, found \(quoted(node))", at: node)
            return nil
        }
    }

    /// A required field parsed by `parse`; `expected` describes the allowed values.
    func required<T>(_ field: String, expected: String, _ parse: (String) -> T?) -> T? {
        guard let node = value(field) else {
            problem(field, "is required (\(expected))")
            return nil
        }
        guard let text = node.scalar?.string, let parsed = parse(text) else {
            problem(field, "expected \(expected), found \(quoted(node))", at: node)
            return nil
        }
        return parsed
    }

    func stringList(_ field: String) -> [String]? {
        guard let node = value(field) else {
            problem(field, "is required")
            return nil
        }
        guard let items = node.sequence else {
            problem(field, "expected a list", at: node)
            return nil
        }
        return items.compactMap { item in
            guard let s = item.scalar?.string else {
                problem(field, "expected text items", at: item)
                return nil
            }
            return s
        }
    }

    private func quoted(_ node: Node) -> String {
        node.scalar.map { "\"\($0.string)\"" } ?? "a \(node.mapping != nil ? "mapping" : "list")"
    }
}

/// Whether a node is YAML's null: an empty value, or a plain (unquoted) `~` or `null`.
func isNull(_ node: Node) -> Bool {
    guard let scalar = node.scalar, scalar.style == .plain else { return false }
    switch scalar.string {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
}

/// Parses a YAML file's text into its root node, reporting a syntax error with its line.
func parseYAML(_ text: String, file: String, log: ProblemLog) -> Node? {
    do {
        // The basic resolver reads every scalar as text: fields are typed here, by the reader that
        // knows what each field holds, and plain `~`/`null` are recognised by `isNull`.
        guard let root = try Yams.compose(yaml: text, .basic) else {
            log.add(file: file, "the file is empty")
            return nil
        }
        return root
    } catch let error as YamlError {
        log.add(file: file, line: yamlErrorLine(error), "not valid YAML: \(yamlErrorProblem(error))")
    } catch {
        log.add(file: file, "not valid YAML: \(error)")
    }
    return nil
}

private func yamlErrorLine(_ error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
    case .duplicatedKeysInMapping(_, let context): context.mark.line
    default: nil
    }
}

private func yamlErrorProblem(_ error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
    case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys: \(duplicates.joined(separator: ", "))"
    default: "\(error)"
    }
}
