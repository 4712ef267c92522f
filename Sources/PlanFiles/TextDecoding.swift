import Foundation

/// Text files as people send them: UTF-8 (with or without a byte-order mark) or, from Chinese
/// Excel and Windows, GBK / GB18030.
public enum TextDecoding {
    /// The encodings tried, in order.
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case gb18030 = "GBK/GB18030"
    }

    /// GB18030, a superset of GBK (Foundation's CFStringEncoding 0x0632).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The text of `data` and the encoding it was read in, or `nil` when it is neither UTF-8 nor
    /// GBK/GB18030 text (binary data, or another encoding).
    public static func decode(_ data: Data) -> (text: String, encoding: Encoding)? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8), plausible(text) { return (text, .utf8) }
        if let text = String(data: bytes, encoding: gb18030), plausible(text) { return (text, .gb18030) }
        return nil
    }

    /// Text has no replacement characters and no control characters but tab and line ends.
    /// Checked on the UTF-8 bytes: U+FFFD is `EF BF BD`, and control characters are single bytes.
    static func plausible(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { return false }
                if b == 0x7F { return false }
                if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBD { return false }
                i += 1
            }
            return true
        }
    }
}
