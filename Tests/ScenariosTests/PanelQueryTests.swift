import Testing
@testable import Scenarios

@Suite("Panel queries")
struct PanelQueryTests {
    @Test("Grafana's interval variables are replaced in both spellings")
    func substitution() {
        #expect(PanelQuery.substituted("rate(x_total[$__rate_interval]) + increase(y_total[${__range}])") == "rate(x_total[1m]) + increase(y_total[5m])")
        #expect(PanelQuery.substituted("rate(x_total[$__interval])") == "rate(x_total[15s])")
    }

    @Test("metric names are found, not functions, keywords, labels, strings or durations")
    func metricNames() {
        let expr = #"histogram_quantile(0.95, sum by (le, stage) (rate(pipeline_stage_duration_bucket{job="demo-service", stage=~"gen.*"}[1m]))) / on(job) group_left sum(up) > bool 0.5"#
        #expect(PanelQuery.metricNames(in: expr) == ["pipeline_stage_duration_bucket", "up"])
        #expect(PanelQuery.metricNames(in: "sum(rate(hb_requests_total[5m])) without (instance)") == ["hb_requests_total"])
        #expect(PanelQuery.metricNames(in: "1e3 * pipeline_requests_total offset 5m") == ["pipeline_requests_total"])
    }
}
