import Foundation

/// Where to go after logging in: only a path on this site.
public enum LoginRedirect {
    /// `next` when it is a local path (no scheme, no host, no `//`, no backslash, no whitespace or
    /// control characters, which browsers would strip into `//host`); `/` otherwise.
    public static func safe(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !$0.properties.isWhitespace }),
            let parsed = URLComponents(string: next), parsed.scheme == nil, parsed.host == nil
        else { return "/" }
        return next
    }
}
