import Foundation

/// A comparison a stack file writes after a PromQL expression: an operator and a number.
public enum StackFileComparison {
    /// `> 0`, `>= 1.5`, `== 3`, `< 10`, `<= 2` or `!= 0` as an operator and a number; `nil`
    /// for anything else.
    public static func parse(_ text: String) -> (operator: String, value: Double)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for op in [">=", "<=", "==", "!=", ">", "<"] where trimmed.hasPrefix(op) {
            return Double(trimmed.dropFirst(op.count).trimmingCharacters(in: .whitespaces)).map { (op, $0) }
        }
        return nil
    }
}
