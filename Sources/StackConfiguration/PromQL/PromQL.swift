/// Just enough PromQL for dashboard checks: Grafana's variables replaced, and the metric
/// selectors of an expression with the functions around each.
public enum PromQL {
    /// A metric selector in an expression.
    public struct Selector: Sendable, Hashable {
        /// The metric name.
        public var name: String
        /// The functions and aggregations it is an argument of, innermost first.
        public var enclosingFunctions: [String]
    }

    /// Grafana's built-in interval variables, with the values used to run a query directly.
    public static let grafanaVariables: [(name: String, value: String)] = [
        ("__rate_interval", "1m"), ("__interval_ms", "15000"), ("__interval", "15s"), ("__range_s", "300"), ("__range_ms", "300000"),
        ("__range", "5m"),
    ]

    /// `expr` with Grafana's interval variables (`$__rate_interval`, `${__range}`, …) replaced.
    public static func substitutingGrafanaVariables(_ expr: String) -> String {
        var text = expr
        for (name, value) in grafanaVariables {
            text = text.replacingOccurrences(of: "${\(name)}", with: value).replacingOccurrences(of: "$\(name)", with: value)
        }
        return text
    }

    /// The metric names an expression selects, in order of first appearance.
    public static func metricNames(in expr: String) -> [String] {
        var names: [String] = []
        for selector in selectors(in: expr) where !names.contains(selector.name) { names.append(selector.name) }
        return names
    }

    private static let keywords: Set<String> = [
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2",
    ]
    private static let listKeywords: Set<String> = ["by", "without", "on", "ignoring", "group_left", "group_right"]
    /// Aggregation operators, which may be followed by `by (…)` before their parentheses.
    private static let aggregations: Set<String> = [
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        "limitk", "limit_ratio",
    ]

    /// The metric selectors of an expression: identifiers that are not functions, keywords,
    /// label names (inside `{…}` or after `by`/`without`…), strings or durations.
    public static func selectors(in expr: String) -> [Selector] {
        var selectors: [Selector] = []
        let characters = Array(expr)
        var index = 0
        var braceDepth = 0
        var skipNextList = false
        var pendingFunction: String?
        var stack: [String?] = []
        func isStart(_ c: Character) -> Bool { c.isLetter || c == "_" || c == ":" }
        func isPart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == ":" }
        while index < characters.count {
            let c = characters[index]
            switch c {
            case "\"", "'", "`":
                index += 1
                while index < characters.count, characters[index] != c {
                    if characters[index] == "\\" { index += 1 }
                    index += 1
                }
                index += 1
            case "{":
                braceDepth += 1
                index += 1
            case "}":
                braceDepth -= 1
                index += 1
            case "[":
                while index < characters.count, characters[index] != "]" { index += 1 }
                index += 1
            case "(" where skipNextList:
                while index < characters.count, characters[index] != ")" { index += 1 }
                index += 1
                skipNextList = false
            case "(":
                stack.append(pendingFunction)
                pendingFunction = nil
                index += 1
            case ")":
                _ = stack.popLast()
                index += 1
            case _ where isStart(c) && braceDepth == 0:
                var end = index
                while end < characters.count, isPart(characters[end]) { end += 1 }
                let word = String(characters[index..<end])
                var next = end
                while next < characters.count, characters[next] == " " { next += 1 }
                let isCall = next < characters.count && characters[next] == "("
                let lowercased = word.lowercased()
                if listKeywords.contains(lowercased) {
                    // The label list is optional after group_left/group_right.
                    skipNextList = next < characters.count && characters[next] == "("
                } else if isCall || aggregations.contains(lowercased) {
                    pendingFunction = lowercased
                } else if !keywords.contains(lowercased) {
                    selectors.append(Selector(name: word, enclosingFunctions: stack.reversed().compactMap { $0 }))
                }
                index = end
            case _ where c.isNumber:
                while index < characters.count, characters[index].isNumber || characters[index] == "." || characters[index].isLetter { index += 1 }
            default:
                index += 1
            }
        }
        return selectors
    }
}
