import Foundation

extension ScenarioReport {
    /// The results as JUnit XML (one `testsuite` for the driver, one `testcase` per scenario,
    /// `failure` and `skipped` elements with the detail), as CI systems read it.
    public var junitXML: String {
        let failures = results.filter { $0.status == .failed }.count
        let skipped = results.filter { $0.status == .skipped }.count
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml +=
            #"<testsuites name="observability-scenarios" tests="\#(results.count)" failures="\#(failures)" skipped="\#(skipped)" time="\#(seconds(duration))">"#
            + "\n"
        xml +=
            #"  <testsuite name="\#(escaped("scenarios.\(driver)"))" tests="\#(results.count)" failures="\#(failures)" errors="0" skipped="\#(skipped)" time="\#(seconds(duration))">"#
            + "\n"
        for result in results {
            xml +=
                #"    <testcase classname="\#(escaped("scenarios.\(driver)"))" name="\#(escaped(result.name))" time="\#(seconds(result.duration))">"#
                + "\n"
            switch result.status {
            case .passed:
                xml += "      <system-out>\(escaped(result.detail))</system-out>\n"
            case .failed:
                let message = result.detail.split(separator: "\n").first.map(String.init) ?? ""
                var body = result.detail
                if !result.savedLogs.isEmpty { body += "\ncomponent logs: " + result.savedLogs.joined(separator: ", ") }
                xml += #"      <failure message="\#(escaped(message))" type="ScenarioFailure">\#(escaped(body))</failure>"# + "\n"
            case .skipped:
                xml += #"      <skipped message="\#(escaped(result.detail))"/>"# + "\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private func seconds(_ duration: Duration) -> String { String(format: "%.3f", duration.seconds) }

    /// `text` escaped for an XML attribute or text node, without the characters XML 1.0 forbids.
    private func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value): continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
