/// A failure the command line reports in one message, without the usage text that
/// ArgumentParser prints for a mistyped command.
struct CLIError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
