import Foundation
import EngageModel

/// One hour of one metric of one post, as the Engagement API reports it (the model's ``HourlyCount``).
public typealias EngagementHourly = HourlyCount

/// Hourly points, in no particular order (sort before use).
public typealias HourlySeriesPoints = [EngagementHourly]
