import Foundation
import PlanStore
import SQLKit
import Testing

/// `sslmode` in a PostgreSQL URL: honoured, or refused with a message.
struct PostgresURLTests {
    @Test func anUnknownSSLModeIsRefusedByName() throws {
        #expect { try PostgresProvider(url: "postgres://u@localhost/db?sslmode=sometimes") } throws: {
            "\($0)".contains("sslmode=sometimes is not supported")
        }
        #expect { try PostgresProvider(url: "postgres://u@localhost/db?sslmode=require&sslrootcert=/nonexistent/ca.pem") } throws: {
            "\($0)".contains("sslrootcert")
        }
        for mode in ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] {
            _ = try PostgresProvider(url: "postgres://u@localhost/db?sslmode=\(mode)")
        }
    }

    /// The test server speaks no TLS: `require` must not fall back to plain text; `prefer` does.
    @Test(.enabled(if: StoreKind.available.contains(.postgres), "needs POSTGRES_URL"))
    func requireNeverFallsBackToPlainText() async throws {
        let base = ProcessInfo.processInfo.environment["POSTGRES_URL"]!
        func connects(_ mode: String) async -> Bool {
            guard let provider = try? PostgresProvider(url: base + "?sslmode=\(mode)") else { return false }
            let pool = Task { await provider.run() }
            defer { pool.cancel() }
            let attempt = Task { try await provider.withDatabase { db in try await db.raw("SELECT 1 AS one").first() != nil } }
            let timeout = Task {
                try await Task.sleep(for: .seconds(10))
                attempt.cancel()
            }
            defer { timeout.cancel() }
            return (try? await attempt.value) ?? false
        }
        #expect(await connects("prefer"))
        #expect(await connects("disable"))
        #expect(await !connects("require"))
    }
}
