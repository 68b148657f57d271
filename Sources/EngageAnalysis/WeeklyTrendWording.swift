import EngageModel

extension WeeklyTrend {
    /// One or two plain sentences for the email body and page 1, e.g. "Last 12 weeks (2026-09-07 –
    /// 2026-11-29, 11 with posts): engagement rate 1.62%–2.40% a week, this week 2.10% (95% interval
    /// 1.80–2.40%); 41,200 impressions a week on average, this week 45,300." and "Follower growth
    /// over the 12 weeks: +310 (1,020 new follows, 710 unfollows)."; `[]` without weeks of data.
    public func sentences() -> [String] {
        guard let first = weeks.first, let last = weeks.last else { return [] }
        let covered = weeks.filter { $0.kpis != nil }
        var out: [String] = []
        let withPosts = covered.filter { ($0.posts ?? 0) > 0 }.count
        var lead = "Last \(weeks.count) week\(weeks.count == 1 ? "" : "s") (\(first.start) – \(last.end), \(withPosts) with posts"
        let gaps = weeks.count - covered.count
        if gaps > 0 { lead += ", \(gaps) no per-post export covers" }
        lead += ")"
        let rates = covered.compactMap { $0.rate?.rate }
        if let low = rates.min(), let high = rates.max() {
            var text = "\(lead): engagement rate \(NumberText.percent(low))–\(NumberText.percent(high)) a week"
            if let now = last.rate?.rate {
                text += ", this week \(NumberText.percent(now))"
                if let ci = last.rate?.interval { text += " (95% interval \(NumberText.percent(ci.low))–\(NumberText.percent(ci.high)))" }
            }
            let impressions = covered.compactMap(\.impressions)
            if !impressions.isEmpty {
                let mean = impressions.reduce(0, +) / Int64(impressions.count)
                text += "; \(NumberText.grouped(mean)) impressions a week on average"
                if let now = last.impressions { text += ", this week \(NumberText.grouped(now))" }
            }
            out.append(text + ".")
        } else if !covered.isEmpty {
            out.append("\(lead): no impressions to compute an engagement rate from.")
        }
        let follows = weeks.compactMap(\.account)
        let new = follows.compactMap(\.newFollows), lost = follows.compactMap(\.unfollows)
        if !new.isEmpty {
            let newTotal = new.reduce(0, +)
            if lost.count == new.count {
                let net = newTotal - lost.reduce(0, +)
                out.append("Follower growth over the \(weeks.count) weeks: \(net > 0 ? "+" : net < 0 ? "−" : "")\(NumberText.grouped(abs(net))) (\(NumberText.grouped(newTotal)) new follows, \(NumberText.grouped(lost.reduce(0, +))) unfollows, \(follows.count) week\(follows.count == 1 ? "" : "s") with account rows).")
            } else {
                out.append("New follows over the \(weeks.count) weeks: \(NumberText.grouped(newTotal)) (\(follows.count) week\(follows.count == 1 ? "" : "s") with account rows).")
            }
        }
        return out
    }
}
