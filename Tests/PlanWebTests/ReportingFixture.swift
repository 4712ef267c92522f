import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Users, sessions and requests for the data-collection tests.
enum Reporting {
    static let password = "correct-horse-battery"

    /// Creates a user and returns an API token and a browser session (cookie, CSRF token).
    @discardableResult
    static func user(_ store: any PlanStore, _ username: String, _ role: Role, _ unit: String) async throws -> Credentials {
        let accounts = AccountService(store: store, passwords: TestPasswords(), passwordCost: 4)
        try await accounts.createUser(
            UserAccount(username: username, displayName: username, unitCode: unit, role: role), password: password, by: operatorIdentity, ip: "local")
        let api = try await accounts.login(username: username, password: password, ip: "127.0.0.1", channel: "api")
        let web = try await accounts.login(username: username, password: password, ip: "127.0.0.1", channel: "web")
        return Credentials(username: username, token: api.token, cookie: "plantrack_session=\(web.token)", csrf: web.csrfToken)
    }

    /// The command line's operator: an administrator at the province.
    static let operatorIdentity = Identity(
        account: UserAccount(username: "cli:test", displayName: "cli:test", unitCode: "370000", role: .admin), csrfToken: nil, sessionHash: nil,
        channel: "cli")

    struct Credentials: Sendable {
        var username: String
        var token: String
        var cookie: String
        var csrf: String

        var bearer: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
        var browser: HTTPFields { [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"] }
    }

    /// A URL-encoded form body.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        return ByteBuffer(string: text)
    }

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func object(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
    }

    /// A multipart/form-data body with a file and plain fields.
    static func multipart(file: Data, name: String, fileField: String = "file", fields: [(String, String)]) -> (
        body: ByteBuffer, contentType: String
    ) {
        let boundary = "----plantrack\(UUID().uuidString)"
        var body = Data()
        for (key, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                .utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return (ByteBuffer(bytes: body), "multipart/form-data; boundary=\(boundary)")
    }
}
