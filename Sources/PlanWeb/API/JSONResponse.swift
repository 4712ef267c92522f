import Foundation
import Hummingbird
import PlanServices

/// JSON responses with a strong ETag; a matching `If-None-Match` on a read gets 304 with no body.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A number that is not finite has no JSON spelling; it is written as a string rather than
        // failing the response.
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }()

    /// For documents whose keys are written as they must appear (the OpenAPI description).
    static let verbatim: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func make<T: Encodable>(_ value: T, request: Request, headers extra: HTTPFields = [:], encoder: JSONEncoder = encoder) throws -> Response {
        let data = try encoder.encode(value)
        let etag = "\"" + fnv1a(data) + "\""
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .eTag: etag, .cacheControl: "no-cache"]
        headers.append(contentsOf: extra)
        // Only reads answer 304: a write has happened and its answer (a token, say) must arrive.
        if request.method == .get || request.method == .head,
            let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
            })
        {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A 64-bit FNV-1a hash in hex: stable across processes, so caches survive a restart.
    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return String(hash, radix: 16)
    }
}

/// Reading query parameters, with a 400 for anything malformed.
struct Query {
    let request: Request

    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A free-text parameter as a form sends it: `+` is a space, `%xx` an encoded byte.
    func text(_ name: String) -> String? {
        guard let raw = request.uri.query else { return nil }
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first == Substring(name) else { continue }
            let value = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
            let decoded = value.removingPercentEncoding ?? value
            return decoded.isEmpty ? nil : decoded
        }
        return nil
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw ServiceError.badParameter(
                name: name, message: "expected a whole number in \(range.lowerBound)…\(range.upperBound), got \"\(text)\"")
        }
        return n
    }

    /// `page` (from 1) and `per_page` (1…500, default 50).
    func paging() throws -> (page: Int, perPage: Int) {
        (try int("page", in: 1...1_000_000) ?? 1, try int("per_page", in: 1...500) ?? 50)
    }
}

extension API.Page {
    /// One page of `all`.
    static func of(_ all: [Item], page: Int, perPage: Int) -> API.Page<Item> {
        let start = min(all.count, (page - 1) * perPage)
        return API.Page(items: Array(all[start..<min(all.count, start + perPage)]), page: page, perPage: perPage, total: all.count)
    }
}
