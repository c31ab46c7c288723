import Foundation

/// A Wilson score interval for a proportion: how sure a count of `successes` in `trials` makes
/// us of the rate behind it (9 of 10 is anywhere from 60 % to 98 % at 95 % confidence).
public struct BinomialInterval: Sendable, Hashable, Codable {
    /// The successes counted.
    public var successes: Int
    /// The trials.
    public var trials: Int
    /// The interval's lower end, a proportion.
    public var lower: Double
    /// The interval's upper end, a proportion.
    public var upper: Double

    /// The 95 % Wilson interval of `successes` in `trials` (`0...1` without trials).
    public init(successes: Int, trials: Int) {
        self.successes = successes
        self.trials = trials
        guard trials > 0 else {
            (lower, upper) = (0, 1)
            return
        }
        let z = 1.959_963_984_540_054
        let n = Double(trials)
        let p = Double(successes) / n
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let halfWidth = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
        lower = max(0, centre - halfWidth)
        upper = min(1, centre + halfWidth)
    }

    /// The observed proportion.
    public var proportion: Double { trials > 0 ? Double(successes) / Double(trials) : 0 }

    /// `9/10 (60–98 %)`; with a thousand trials or more, to a tenth of a percent.
    public var description: String {
        let format = trials >= 1000 ? "%d/%d (%.1f–%.1f %%)" : "%d/%d (%.0f–%.0f %%)"
        return String(format: format, successes, trials, lower * 100, upper * 100)
    }
}
