import Foundation
import Hummingbird
import MultipartKit
import PlanServices

/// Reading form posts: URL-encoded fields, and multipart uploads.
enum FormBody {
    /// One part of a multipart form.
    struct Part: Sendable {
        var filename: String?
        var data: Data
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    /// The fields of an `application/x-www-form-urlencoded` body (the last of repeated names).
    static func fields(_ request: Request, limit: Int = WebLimits.maxFormBytes) async throws -> [String: String] {
        let buffer = try await collect(request, limit: limit)
        return decode(String(buffer: buffer))
    }

    /// Every name and value of an URL-encoded body in order, repeated names (checkboxes) included.
    static func pairs(_ request: Request, limit: Int = WebLimits.maxFormBytes) async throws -> [(String, String)] {
        let body = String(buffer: try await collect(request, limit: limit))
        return body.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func unescape(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            return (unescape(parts[0]), parts.count > 1 ? unescape(parts[1]) : "")
        }
    }

    static func decode(_ body: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func unescape(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            result[unescape(parts[0])] = parts.count > 1 ? unescape(parts[1]) : ""
        }
        return result
    }

    /// The parts of a `multipart/form-data` body by field name (the last of repeated names).
    static func parts(_ request: Request, limit: Int = WebLimits.maxUploadBytes) async throws -> [String: Part] {
        Dictionary(try await partList(request, limit: limit), uniquingKeysWith: { _, b in b })
    }

    /// The plain (non-file) fields of a multipart body by name (the last of repeated names).
    static func textFields(_ parts: [(String, Part)]) -> [String: String] {
        Dictionary(parts.filter { $0.1.filename == nil }.map { ($0.0, $0.1.text) }, uniquingKeysWith: { _, b in b })
    }

    /// The non-empty files sent under field `name`, in order.
    static func files(_ parts: [(String, Part)], named name: String) -> [(name: String, data: Data)] {
        parts.filter { $0.0 == name && !$0.1.data.isEmpty }.map { (name: $0.1.filename ?? name, data: $0.1.data) }
    }

    /// Every part of a `multipart/form-data` body with its field name, in order.
    static func partList(_ request: Request, limit: Int = WebLimits.maxUploadBytes) async throws -> [(String, Part)] {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let boundary = type.split(separator: ";").compactMap({ item -> String? in
                let kv = item.trimmingCharacters(in: .whitespaces)
                guard kv.lowercased().hasPrefix("boundary=") else { return nil }
                return String(kv.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }).first
        else { throw ServiceError.badParameter(name: "body", message: "expected a multipart/form-data upload") }
        let buffer = try await collect(request, limit: limit)
        let parser = MultipartParser(boundary: boundary)
        var parts: [(String, Part)] = []
        var headers: [String: String] = [:]
        var body = Data()
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in body.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            if let name = parameter("name", in: disposition) {
                parts.append((name, Part(filename: parameter("filename", in: disposition), data: body)))
            }
            headers = [:]
            body = Data()
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw ServiceError.badParameter(name: "body", message: "the multipart upload is malformed or truncated")
        }
        return parts
    }

    /// A parameter of a `Content-Disposition` header (`name="file"`).
    static func parameter(_ key: String, in header: String) -> String? {
        for item in header.split(separator: ";") {
            let kv = item.trimmingCharacters(in: .whitespaces)
            guard kv.lowercased().hasPrefix(key + "=") else { continue }
            return String(kv.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// The whole body, refusing anything over `limit` bytes with 413.
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ServiceError.tooLarge(limit: limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw ServiceError.tooLarge(limit: limit)
        }
    }
}
