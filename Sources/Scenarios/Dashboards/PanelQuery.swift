/// A dashboard panel's PromQL as Prometheus receives it from Grafana, and the metric names in it.
enum PanelQuery {
    /// Grafana's built-in interval variables, with the values used to run a query directly.
    static let variables: [(name: String, value: String)] = [
        ("__rate_interval", "1m"), ("__interval_ms", "15000"), ("__interval", "15s"), ("__range_s", "300"), ("__range_ms", "300000"), ("__range", "5m"),
    ]

    /// `expr` with Grafana's interval variables (`$__rate_interval`, `${__range}`, …) replaced.
    static func substituted(_ expr: String) -> String {
        var text = expr
        for (name, value) in variables {
            text = text.replacingOccurrences(of: "${\(name)}", with: value).replacingOccurrences(of: "$\(name)", with: value)
        }
        return text
    }

    private static let keywords: Set<String> = [
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
    ]
    private static let listKeywords: Set<String> = ["by", "without", "on", "ignoring", "group_left", "group_right"]
    /// Aggregation operators, which may be followed by `by (…)` before their parentheses.
    private static let aggregations: Set<String> = [
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        "limitk", "limit_ratio",
    ]

    /// The metric names a PromQL expression selects: identifiers that are not functions,
    /// keywords, label names (inside `{…}` or after `by`/`without`…), strings or durations.
    static func metricNames(in expr: String) -> [String] {
        var names: [String] = []
        let characters = Array(expr)
        var index = 0
        var braceDepth = 0
        var skipNextList = false
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
            case "{": braceDepth += 1; index += 1
            case "}": braceDepth -= 1; index += 1
            case "[":
                while index < characters.count, characters[index] != "]" { index += 1 }
                index += 1
            case "(" where skipNextList:
                while index < characters.count, characters[index] != ")" { index += 1 }
                index += 1
                skipNextList = false
            case _ where isStart(c):
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
                } else if braceDepth == 0, !isCall, !keywords.contains(lowercased), !aggregations.contains(lowercased), !names.contains(word) {
                    names.append(word)
                }
                index = end
            case _ where c.isNumber:
                while index < characters.count, characters[index].isNumber || characters[index] == "." || characters[index].isLetter { index += 1 }
            default:
                index += 1
            }
        }
        return names
    }
}
