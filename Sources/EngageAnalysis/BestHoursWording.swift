import Foundation

extension BestHoursResult {
    /// Plain-words sentences for reports and the terminal, e.g.
    /// "Best time to post: Tue 19h, engagement rate 3.1% (95% interval 2.6–3.6%, 41 posts), likely
    /// better than your average of 2.4%." Includes the notes (thin data, fallback, adjustment) and,
    /// when `audience` is given, "Your audience is most active 19–21h (31% of engagements); posts
    /// published at 19h earn +14% …".
    public func sentences(audience: AudienceActivity? = nil) -> [String] {
        var out: [String] = []
        let fmt: (Double) -> String = { self.format($0) }
        if status == .notEnoughData {
            out.append(contentsOf: notes)
            return out
        }
        if let base = baseline {
            let scale: String
            if case .perImpression = objective { scale = " (mean of post rates, large posts capped; the scale of every slot below)" } else { scale = "" }
            let days = window.map { ", \($0.from)–\($0.to)" } ?? ""
            out.append("Your average \(objective.phrase) is \(fmt(base))\(scale) over \(NumberText.grouped(posts)) posts (times in \(timeZone)\(days)).")
        }
        out.append(contentsOf: notes)
        if recommendations.isEmpty {
            out.append("No time slot has enough posts to recommend one.")
        }
        if let base = baseline, let best = recommendations.first, isFlat(base: base) {
            // Shrinkage pulled every slot to the average: naming a "best" slot would be noise.
            out.append("Best time to post: no slot stands out; the highest estimate (\(describe(best.slot)), \(fmt(best.rate)), \(NumberText.grouped(best.posts)) posts) is within \(Int(Self.flatMargin * 100))% of your average, so post when it suits you.")
            return out + audienceSentence(audience)
        }
        for (n, r) in recommendations.enumerated() {
            let lead = n == 0 ? "Best time to post" : "Also good"
            let label: String
            switch r.confidence {
            case .likelyBetter: label = "likely better than your average"
            case .possiblyBetter where r.ciLow > (baseline ?? 1) && r.selectionPValue != nil:
                label = "possibly better than your average: its interval clears it, but the best of this many slots would look this good by chance (p = \(String(format: "%.2f", r.selectionPValue!)) after allowing for the choice)"
            case .possiblyBetter: label = "possibly better than your average, but the interval includes it"
            case .notBetter: label = "no better than your average"
            }
            out.append("\(lead): \(describe(r.slot)), \(objective.phrase) \(fmt(r.rate)) (95% interval \(fmt(r.ciLow))–\(fmt(r.ciHigh)), \(NumberText.grouped(r.posts)) posts), \(label).")
        }
        return out + audienceSentence(audience)
    }

    /// Relative distance from the average within which a slot does not "stand out".
    static let flatMargin = 0.02

    /// True when no recommendation is clearly better and all lie within ``flatMargin`` of `base`.
    private func isFlat(base: Double) -> Bool {
        base > 0 && recommendations.allSatisfy { $0.confidence != .likelyBetter && abs($0.rate / base - 1) < Self.flatMargin }
    }

    /// "Your audience is most active 19–21h …" when hourly API data say so; else nothing.
    private func audienceSentence(_ audience: AudienceActivity?) -> [String] {
        var out: [String] = []
        if let audience, let start = audience.peakStartHour, let share = audience.peakShare {
            let endHour = (start + 2) % 24
            let what = audience.byHour.contains { $0.engagements != nil } ? "engagements" : "impressions"
            var line = "Your audience is most active \(start)–\(endHour)h (\(Int((share * 100).rounded()))% of \(what))"
            if let base = baseline, base > 0, let cell = hourCells.first(where: { $0.slot.hour == start }),
               let rate = cell.rate, cell.posts > 0 {
                let lift = Int(((rate / base - 1) * 100).rounded())
                line += "; posts published at \(start)h earn \(lift >= 0 ? "+" : "")\(lift)% (\(NumberText.grouped(cell.posts)) posts)"
            }
            out.append(line + ".")
        }
        return out
    }

    private func describe(_ slot: BestHoursSlot) -> String {
        switch (slot.weekday, slot.hour) {
        case let (w?, h?): "\(w.name) \(h):00–\(h):59"
        case let (nil, h?): "\(h):00–\(h):59 (any weekday)"
        case let (w?, nil): "\(w.name) (any hour)"
        case (nil, nil): "any time"
        }
    }

    private func format(_ v: Double) -> String {
        if case .perImpression = objective {
            return String(format: v < 0.001 ? "%.3f%%" : "%.2f%%", v * 100)
        }
        return String(format: "%.1f", v)
    }
}
