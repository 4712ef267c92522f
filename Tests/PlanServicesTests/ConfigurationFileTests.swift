import Foundation
import PlanServices
import Testing

/// The configuration file under the environment under the flags.
struct ConfigurationFileTests {
    static let example = """
        # PlanTrack
        host = "0.0.0.0"
        port = 9090   # the port
        database_url = "postgres://plantrack@db/plantrack?sslmode=verify-full"
        trusted_proxy = true
        log_level = "warning"
        log_format = "text"
        header_timeout = 10
        public_url = "https://plantrack.example"
        """

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plantrack-\(UUID().uuidString).toml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theFileSetsWhatTheEnvironmentDoesNot() throws {
        let path = try Self.file(Self.example)
        let c = try PlanConfiguration.load(environment: ["PLANTRACK_PORT": "7070"], file: path)
        #expect(c.port == 7070, "the environment wins over the file")
        #expect(c.host == "0.0.0.0" && c.databaseURL == "postgres://plantrack@db/plantrack?sslmode=verify-full")
        #expect(c.trustedProxy && c.logLevel == "warning" && c.logFormat == "text" && c.headerTimeout == 10)
        #expect(c.bodyTimeout == 300, "not in the file: the default")
        #expect(c.delivery.publicURL == "https://plantrack.example")
        let named = try PlanConfiguration.load(environment: ["PLANTRACK_CONFIG": path])
        #expect(named.port == 9090, "PLANTRACK_CONFIG names the file")
        #expect(try PlanConfiguration.load(environment: [:]) == PlanConfiguration(), "no file: the defaults")
    }

    @Test func aBadLineIsRefusedWithItsNumber() throws {
        let cases: [(String, String)] = [
            ("port = 8080\nportt = 1", ":2"), ("[server]\nport = 1", "sections"), ("port 8080", "key = value"),
            ("host = \"a", "closing quote"), ("port = 1\nport = 2", "set twice"),
            ("host = \"h\"\nlog_format = \"xml\"", ":2: log_format: expected json or text"),
            ("port = 99999", ":1: port: expected a port"), ("host = a b", "quoted string"),
            ("test_fail_point = \"import.after-first-batch\"", "unknown key"),
        ]
        for (text, expected) in cases {
            let path = try Self.file(text)
            #expect(
                performing: { try PlanConfiguration.load(environment: [:], file: path) },
                throws: { error in
                    let e = error as? ServiceError
                    return e.map { "\($0.en) \($0)".contains(expected) } ?? false
                })
        }
        #expect(throws: ServiceError.self) { try PlanConfiguration.load(environment: [:], file: "/nonexistent/plantrack.toml") }
    }

    @Test func everyDocumentedKeyIsAcceptedByTheParserAndListedInTheExample() throws {
        let example = try String(
            contentsOfFile: #filePath.replacingOccurrences(
                of: "Tests/PlanServicesTests/ConfigurationFileTests.swift", with: "docs/plantrack.example.toml"), encoding: .utf8)
        let keys = Set(
            example.split(separator: "\n").compactMap { line -> String? in
                let text = line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "# "))
                guard let eq = text.firstIndex(of: "="), !text.hasPrefix("[") else { return nil }
                let key = text[..<eq].trimmingCharacters(in: .whitespaces)
                return key.allSatisfy({ $0.isLowercase || $0 == "_" }) && !key.isEmpty ? key : nil
            })
        #expect(keys == Set(ConfigurationFile.keys.keys))
        // The example's uncommented lines parse.
        _ = try ConfigurationFile.variables(parsing: example)
    }
}
