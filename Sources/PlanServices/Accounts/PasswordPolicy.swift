import Foundation

/// What a password must be: at least ten characters, not the user name, not one of the
/// passwords attackers try first, and not a run or a repetition of a few characters.
public enum PasswordPolicy {
    /// The shortest password accepted.
    public static let minimumLength = 10

    /// Why `password` is refused, in both languages, or `nil` when it is acceptable.
    public static func problem(_ password: String, username: String) -> (zh: String, en: String)? {
        if password.count < minimumLength {
            return ("密码至少 \(minimumLength) 个字符", "The password needs at least \(minimumLength) characters")
        }
        if password.count > 1024 { return ("密码过长（上限 1024 个字符）", "The password is too long (at most 1024 characters)") }
        if TextInput.hasControlCharacters(password, multiline: false) {
            return ("密码不能包含控制字符", "The password cannot contain control characters")
        }
        let lower = password.lowercased()
        if lower == username.lowercased() { return ("密码不能与用户名相同", "The password cannot be the user name") }
        if Set(password).count < 4 || isRun(lower) || common.contains(lower) || common.contains(String(lower.dropLast(2))) {
            return ("密码过于常见或简单，请换一个", "The password is too common or too simple: choose another")
        }
        return nil
    }

    /// Ascending or descending runs of digits or letters (`1234567890`, `abcdefghij`, `9876543210`).
    static func isRun(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        guard scalars.count >= 2 else { return false }
        let steps = Set(zip(scalars, scalars.dropFirst()).map { Int($1) - Int($0) })
        return steps == [1] || steps == [-1] || steps == [1, -9] || steps == [-1, 9]
    }

    /// Passwords of ten or more characters that lead the published lists of leaked passwords
    /// (and their common Chinese-keyboard and pinyin forms), lower-cased.
    static let common: Set<String> = [
        "1234567890", "0123456789", "12345678910", "123456789a", "a123456789", "qwertyuiop", "1q2w3e4r5t",
        "qwerty1234", "qwerty12345", "password12", "password123", "password1234", "passw0rd12", "iloveyou12",
        "1qaz2wsx3edc", "1qaz2wsx", "zaq12wsxcde", "qazwsxedc123", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123",
        "abc1234567", "abcd123456", "aa123456789", "11111111111", "1111111111", "0000000000", "5201314520",
        "woaini1314", "woaini5201314", "1314520521", "admin12345", "admin123456", "administrator", "welcome123",
        "changeme123", "letmein123", "football123", "princess12", "sunshine12", "dragon1234", "monkey1234",
        "superman12", "trustno1234", "starwars12", "computer12", "shandong123", "shandong2023", "plantrack123",
        "plantrack2025", "p@ssw0rd12", "p@ssword123", "qwe123qwe123", "123qweasdzxc", "q1w2e3r4t5",
    ]
}
