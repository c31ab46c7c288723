/// Why a stack file could not be read at all (as opposed to a finding about what it says).
public struct StackConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
