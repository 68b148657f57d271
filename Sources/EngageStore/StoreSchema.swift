import EngageModel
import GRDB

/// The store's tables, created and upgraded by GRDB's migrator. A migration, once released, is
/// never edited: a change to the schema is a new migration at the end.
enum StoreSchema {
    /// The metric columns of `observation` and `account_day` as of the first schema, in
    /// ``Metric`` order. A metric added later needs a migration adding its column.
    static let historyMetricKeys = [
        "impressions", "engagements", "reposts", "replies", "likes", "quotes", "bookmarks", "shares",
        "user_profile_clicks", "url_clicks", "hashtag_clicks", "detail_expands", "permalink_clicks",
        "app_opens", "app_installs", "follows", "unfollows", "email_tweet", "dial_phone", "media_views",
        "media_engagements", "video_views", "posts_published", "video_playback_0", "video_playback_25",
        "video_playback_50", "video_playback_75", "video_playback_100",
    ]

    /// The metrics that have a column, paired with it.
    static var metricColumns: [(metric: Metric, column: String)] {
        Metric.allCases.compactMap { metric in historyMetricKeys.contains(metric.key) ? (metric, metric.key) : nil }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 history") { db in
            let metrics = historyMetricKeys.map { "\($0) INTEGER" }.joined(separator: ", ")
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    handle TEXT NOT NULL UNIQUE COLLATE NOCASE);
                CREATE TABLE import (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    file TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    variant TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    bytes INTEGER NOT NULL,
                    observed_at_ms INTEGER NOT NULL,
                    at TEXT NOT NULL);
                CREATE TABLE post (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    created_at_ms INTEGER NOT NULL,
                    time_source TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    text TEXT NOT NULL,
                    link TEXT,
                    text_observed_at_ms INTEGER NOT NULL);
                CREATE INDEX post_by_account ON post(account_id, created_at_ms);
                CREATE TABLE observation (
                    post_id INTEGER NOT NULL REFERENCES post(id),
                    observed_at_ms INTEGER NOT NULL,
                    import_id INTEGER NOT NULL REFERENCES import(id),
                    \(metrics),
                    PRIMARY KEY (post_id, observed_at_ms)) WITHOUT ROWID;
                CREATE TABLE account_day (
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    day TEXT NOT NULL,
                    observed_at_ms INTEGER NOT NULL,
                    import_id INTEGER NOT NULL REFERENCES import(id),
                    \(metrics),
                    PRIMARY KEY (account_id, day, observed_at_ms)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2 alerts") { db in
            try db.execute(sql: """
                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY,
                    rule TEXT NOT NULL,
                    post_id INTEGER NOT NULL REFERENCES post(id),
                    handle TEXT NOT NULL,
                    metric TEXT NOT NULL,
                    value REAL NOT NULL,
                    threshold REAL NOT NULL,
                    observed_at_ms INTEGER NOT NULL,
                    link TEXT,
                    text TEXT NOT NULL,
                    detected_at TEXT NOT NULL,
                    UNIQUE (rule, post_id));
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    alert_id INTEGER NOT NULL REFERENCES alert(id),
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_ms INTEGER NOT NULL,
                    lease_until_ms INTEGER NOT NULL DEFAULT 0,
                    delivered_at TEXT,
                    last_error TEXT);
                CREATE INDEX outbox_pending ON outbox(delivered_at, next_attempt_ms);
                """)
        }
        return migrator
    }
}
