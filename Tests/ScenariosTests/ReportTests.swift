import Foundation
import HarnessSupport
import TelemetryModel
import Testing

@testable import Scenarios

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Scenario reports")
struct ReportTests {
    static let report = ScenarioReport(
        driver: "local",
        results: [
            ScenarioResult(name: "scrape", summary: "s", status: .passed, duration: .milliseconds(1500), detail: "target up"),
            ScenarioResult(
                name: "trace-flow",
                summary: "t",
                status: .failed,
                duration: .seconds(10),
                detail: "trace 1 did not reach <the> backend & more\nlast observation:\nnothing \u{1}",
                savedLogs: ["/tmp/x.log"]
            ),
            ScenarioResult(name: "dashboards", summary: "d", status: .skipped, duration: .zero, detail: "no \"Docker\""),
        ],
        startup: .seconds(1),
        duration: .seconds(12)
    )

    @Test("JUnit XML has a testcase per scenario, failures and skips with their detail, escaped")
    func junit() throws {
        let xml = Self.report.junitXML
        #expect(xml.contains(#"<testsuites name="observability-scenarios" tests="3" failures="1" skipped="1" time="12.000">"#))
        #expect(xml.contains(#"<testcase classname="scenarios.local" name="scrape" time="1.500">"#))
        #expect(xml.contains(#"<failure message="trace 1 did not reach &lt;the&gt; backend &amp; more" type="ScenarioFailure">"#))
        #expect(xml.contains("component logs: /tmp/x.log</failure>"))
        #expect(xml.contains(#"<skipped message="no &quot;Docker&quot;"/>"#))
        #expect(!xml.contains("\u{1}"))
        // Well-formed: Foundation's parser reads it.
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test("the summary table lists every scenario and repeats each failure in full")
    func table() {
        let table = Self.report.summaryTable
        #expect(table.contains("scrape      PASSED   1.5 s"))
        #expect(table.contains("local driver: 1 passed, 1 failed, 1 skipped"))
        #expect(table.contains("trace-flow FAILED:\n  trace 1 did not reach <the> backend & more\n  last observation:"))
        #expect(table.contains("  component logs: /tmp/x.log"))
        #expect(!Self.report.succeeded)
    }
}
