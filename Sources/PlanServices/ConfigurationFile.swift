import Foundation

/// The configuration file: one `key = value` per line in TOML's syntax (a string in double
/// quotes, a number, `true` or `false`), `#` comments, no sections. Each key is a variable of
/// ``PlanConfiguration`` in lower case without `PLANTRACK_` (`port = 8080`, `database_url =
/// "postgres://…"`, `log_level = "info"`); the file's values lie under the environment's, which
/// lie under the command line's flags. `docs/plantrack.example.toml` lists every key.
public enum ConfigurationFile {
    /// The keys a file may set, with the variable each stands for.
    public static let keys: [String: String] = Dictionary(
        uniqueKeysWithValues: PlanConfiguration.variables.filter { $0 != "PLANTRACK_TEST_FAIL_POINT" && $0 != "PLANTRACK_CONFIG" }.map {
            ($0.hasPrefix("PLANTRACK_") ? String($0.dropFirst("PLANTRACK_".count)).lowercased() : $0.lowercased(), $0)
        })

    /// The variables set by the file at `path`; a line it cannot read is refused with its number.
    public static func variables(at path: String) throws -> [String: String] {
        try entries(at: path).mapValues(\.value)
    }

    /// The variables set by the file at `path`, each with its key and line.
    static func entries(at path: String) throws -> [String: (value: String, key: String, line: Int)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServiceError.badParameter(name: "PLANTRACK_CONFIG", message: "cannot read the configuration file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ServiceError.badParameter(name: "PLANTRACK_CONFIG", message: "\(path) is not UTF-8 text")
        }
        return try entries(parsing: text, path: path)
    }

    /// The variables set by `text`.
    public static func variables(parsing text: String, path: String = "the configuration file") throws -> [String: String] {
        try entries(parsing: text, path: path).mapValues(\.value)
    }

    static func entries(parsing text: String, path: String) throws -> [String: (value: String, key: String, line: Int)] {
        var result: [String: (value: String, key: String, line: Int)] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func refuse(_ message: String) -> ServiceError {
                .badParameter(name: "\(path):\(number)", message: message)
            }
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") { throw refuse("sections are not used: write every key at the top level") }
            guard let equals = line.firstIndex(of: "=") else { throw refuse("expected key = value") }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard let variable = keys[key] else {
                throw refuse("unknown key \"\(key)\"; known keys: \(keys.keys.sorted().joined(separator: ", "))")
            }
            guard result[variable] == nil else { throw refuse("\(key) is set twice") }
            result[variable] = (try value(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces), refuse: refuse), key, number)
        }
        return result
    }

    /// A value: a quoted string (with `\"` and `\\`), or a bare number or boolean, then an optional comment.
    private static func value(_ text: String, refuse: (String) -> ServiceError) throws -> String {
        if text.hasPrefix("\"") {
            var out = ""
            var escaped = false
            var rest: Substring?
            for (offset, c) in text.dropFirst().enumerated() {
                if escaped {
                    guard c == "\"" || c == "\\" else { throw refuse("only \\\" and \\\\ are escapes here") }
                    out.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    rest = text.dropFirst(offset + 2)
                    break
                } else {
                    out.append(c)
                }
            }
            guard let rest else { throw refuse("the string has no closing quote") }
            let after = rest.trimmingCharacters(in: .whitespaces)
            guard after.isEmpty || after.hasPrefix("#") else { throw refuse("unexpected text after the value") }
            return out
        }
        let bare = (text.split(separator: "#", maxSplits: 1).first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        guard !bare.isEmpty, bare.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw refuse("expected a quoted string, a number, true or false")
        }
        return bare
    }
}
