extension CampaignAnalysis: Encodable {
    private enum Keys: String, CodingKey {
        case metric, campaigns, comparisons
        case name, posts, impressions, events, rate
        case ciLow = "ci_low", ciHigh = "ci_high", wilsonLow = "wilson_low", wilsonHigh = "wilson_high"
        case campaign, control, lift
        case liftCILow = "lift_ci_low", liftCIHigh = "lift_ci_high", absLift = "abs_lift"
        case pValue = "p_value", pValueHolm = "p_value_holm", welchP = "welch_p", mannWhitneyP = "mann_whitney_p"
        case mde, verdict, pValueTest = "p_value_test", pValueDelta = "p_value_delta", holmComparisons = "holm_comparisons"
        case estimand, campaignRate = "campaign_rate", controlRate = "control_rate", kappa
        case liftRatioOfSums = "lift_ratio_of_sums"
        case weightedRate = "weighted_rate", weightedCILow = "weighted_ci_low", weightedCIHigh = "weighted_ci_high"
    }

    /// Writes the `engage compare --json` shape with exactly the keys documented on
    /// ``CampaignAnalysis``; `nil` values become JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var top = encoder.container(keyedBy: Keys.self)
        try top.encode(metric == .engagements ? "engagement_rate" : metric.key, forKey: .metric)
        try top.encode(postStrength, forKey: .kappa)
        var list = top.nestedUnkeyedContainer(forKey: .campaigns)
        for c in campaigns {
            var item = list.nestedContainer(keyedBy: Keys.self)
            try item.encode(c.name, forKey: .name)
            try item.encode(c.estimate.posts, forKey: .posts)
            try item.encode(c.estimate.impressions, forKey: .impressions)
            try item.encode(c.estimate.events, forKey: .events)
            try item.encode(c.estimate.rate, forKey: .rate)
            try item.encode(c.estimate.interval?.low, forKey: .ciLow)
            try item.encode(c.estimate.interval?.high, forKey: .ciHigh)
            try item.encode(c.estimate.naiveWilson?.low, forKey: .wilsonLow)
            try item.encode(c.estimate.naiveWilson?.high, forKey: .wilsonHigh)
            try item.encode(c.weighted.mean, forKey: .weightedRate)
            try item.encode(c.weighted.interval?.low, forKey: .weightedCILow)
            try item.encode(c.weighted.interval?.high, forKey: .weightedCIHigh)
        }
        var rows = top.nestedUnkeyedContainer(forKey: .comparisons)
        for c in comparisons {
            var item = rows.nestedContainer(keyedBy: Keys.self)
            try item.encode(c.campaign, forKey: .campaign)
            try item.encode(c.control, forKey: .control)
            try item.encode(CampaignComparison.estimand, forKey: .estimand)
            try item.encode(c.campaignRate, forKey: .campaignRate)
            try item.encode(c.controlRate, forKey: .controlRate)
            try item.encode(c.postStrength, forKey: .kappa)
            try item.encode(c.lift, forKey: .lift)
            try item.encode(c.liftInterval?.low, forKey: .liftCILow)
            try item.encode(c.liftInterval?.high, forKey: .liftCIHigh)
            try item.encode(c.ratioOfSumsLift, forKey: .liftRatioOfSums)
            try item.encode(c.absoluteLift, forKey: .absLift)
            try item.encode(c.pValue, forKey: .pValue)
            try item.encode(c.pValueHolm, forKey: .pValueHolm)
            try item.encode(c.pValueTest, forKey: .pValueTest)
            try item.encode(c.deltaPValue, forKey: .pValueDelta)
            try item.encode(c.holmFamilySize, forKey: .holmComparisons)
            try item.encode(c.welch?.pValue, forKey: .welchP)
            try item.encode(c.mannWhitney?.pValue, forKey: .mannWhitneyP)
            try item.encode(c.minimumDetectableLift, forKey: .mde)
            try item.encode(c.verdict, forKey: .verdict)
        }
    }
}
