import Crypto
import Foundation
import PlanStore

/// What evidence files are accepted: PDF, OFD, images (PNG, JPEG, GIF, WebP) and Office
/// documents (Word, Excel, PowerPoint, old and new), at most 10 MB each and 5 per report; the
/// content must match its extension.
public enum EvidenceRules {
    public static let maxBytes = 10 << 20
    public static let maxFiles = 5

    /// Extension → content type and the bytes it starts with.
    static let types: [String: (type: String, magic: [[UInt8]])] = [
        "pdf": ("application/pdf", [[0x25, 0x50, 0x44, 0x46]]),
        "ofd": ("application/ofd", [[0x50, 0x4B, 0x03, 0x04]]),
        "png": ("image/png", [[0x89, 0x50, 0x4E, 0x47]]),
        "jpg": ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        "jpeg": ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        "gif": ("image/gif", [[0x47, 0x49, 0x46, 0x38]]),
        "webp": ("image/webp", [[0x52, 0x49, 0x46, 0x46]]),
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [[0x50, 0x4B, 0x03, 0x04]]),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [[0x50, 0x4B, 0x03, 0x04]]),
        "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", [[0x50, 0x4B, 0x03, 0x04]]),
        "doc": ("application/msword", [[0xD0, 0xCF, 0x11, 0xE0]]),
        "xls": ("application/vnd.ms-excel", [[0xD0, 0xCF, 0x11, 0xE0]]),
        "ppt": ("application/vnd.ms-powerpoint", [[0xD0, 0xCF, 0x11, 0xE0]]),
    ]

    /// The accepted extensions, for a form's `accept` and the messages.
    public static var extensions: [String] { types.keys.sorted() }

    /// Checks one file and makes it ready to store; the name keeps its last path component.
    public static func check(fileName: String, data: Data) throws -> NewEvidence {
        let name = String((fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "evidence").prefix(120))
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        guard let kind = types[ext] else {
            throw ServiceError.invalid(
                zh: "证明材料「\(name)」的类型不受支持；可上传 \(extensions.joined(separator: "、")) 文件",
                en: "Evidence “\(name)” is not an accepted type: \(extensions.joined(separator: ", "))")
        }
        guard !data.isEmpty else { throw ServiceError.invalid(zh: "证明材料「\(name)」是空文件", en: "Evidence “\(name)” is empty") }
        guard data.count <= maxBytes else {
            throw ServiceError.invalid(
                zh: "证明材料「\(name)」超过 \(maxBytes >> 20) MB 上限", en: "Evidence “\(name)” exceeds the \(maxBytes >> 20) MB limit")
        }
        guard kind.magic.contains(where: { data.starts(with: $0) }) else {
            throw ServiceError.invalid(
                zh: "证明材料「\(name)」的内容与扩展名 .\(ext) 不符", en: "The content of evidence “\(name)” does not match its .\(ext) extension")
        }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return NewEvidence(fileName: name, contentType: kind.type, data: data, sha256: digest)
    }
}
