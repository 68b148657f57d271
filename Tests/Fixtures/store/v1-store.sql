-- A store as the first schema ("v1 history") left it, before the alert tables: written by hand,
-- not by engage, and loaded with Python's sqlite3 by EngageStoreTests to test the upgrade.
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES ('v1 history');
CREATE TABLE account (id INTEGER PRIMARY KEY, handle TEXT NOT NULL UNIQUE COLLATE NOCASE);
CREATE TABLE import (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account(id),
    file TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, variant TEXT NOT NULL, encoding TEXT NOT NULL,
    rows INTEGER NOT NULL, bytes INTEGER NOT NULL, observed_at_ms INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE post (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account(id),
    created_at_ms INTEGER NOT NULL, time_source TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    link TEXT, text_observed_at_ms INTEGER NOT NULL);
CREATE INDEX post_by_account ON post(account_id, created_at_ms);
CREATE TABLE observation (post_id INTEGER NOT NULL REFERENCES post(id), observed_at_ms INTEGER NOT NULL,
    import_id INTEGER NOT NULL REFERENCES import(id),
    impressions INTEGER, engagements INTEGER, reposts INTEGER, replies INTEGER, likes INTEGER, quotes INTEGER,
    bookmarks INTEGER, shares INTEGER, user_profile_clicks INTEGER, url_clicks INTEGER, hashtag_clicks INTEGER,
    detail_expands INTEGER, permalink_clicks INTEGER, app_opens INTEGER, app_installs INTEGER, follows INTEGER,
    unfollows INTEGER, email_tweet INTEGER, dial_phone INTEGER, media_views INTEGER, media_engagements INTEGER,
    video_views INTEGER, posts_published INTEGER, video_playback_0 INTEGER, video_playback_25 INTEGER,
    video_playback_50 INTEGER, video_playback_75 INTEGER, video_playback_100 INTEGER,
    PRIMARY KEY (post_id, observed_at_ms)) WITHOUT ROWID;
CREATE TABLE account_day (account_id INTEGER NOT NULL REFERENCES account(id), day TEXT NOT NULL,
    observed_at_ms INTEGER NOT NULL, import_id INTEGER NOT NULL REFERENCES import(id),
    impressions INTEGER, engagements INTEGER, reposts INTEGER, replies INTEGER, likes INTEGER, quotes INTEGER,
    bookmarks INTEGER, shares INTEGER, user_profile_clicks INTEGER, url_clicks INTEGER, hashtag_clicks INTEGER,
    detail_expands INTEGER, permalink_clicks INTEGER, app_opens INTEGER, app_installs INTEGER, follows INTEGER,
    unfollows INTEGER, email_tweet INTEGER, dial_phone INTEGER, media_views INTEGER, media_engagements INTEGER,
    video_views INTEGER, posts_published INTEGER, video_playback_0 INTEGER, video_playback_25 INTEGER,
    video_playback_50 INTEGER, video_playback_75 INTEGER, video_playback_100 INTEGER,
    PRIMARY KEY (account_id, day, observed_at_ms)) WITHOUT ROWID;
INSERT INTO account VALUES (1, 'harbor');
INSERT INTO import VALUES (1, 1, 'content_harbor_20260101_20260107.csv', 'aa11', 'content export (late 2025, en)',
    'UTF-8', 2, 400, 1767830400000, '2026-01-08T09:00:00Z');
-- Two posts (2026-01-02 10:00 and 2026-01-03 12:00 UTC) and one account day.
INSERT INTO post VALUES (2007029096248246272, 1, 1767348000000, 'post id', 'post', 'hello harbor', NULL, 1767830400000);
INSERT INTO post VALUES (2007421683102646272, 1, 1767441600000, 'post id', 'reply', '@someone thanks', NULL, 1767830400000);
INSERT INTO observation (post_id, observed_at_ms, import_id, impressions, likes, engagements)
    VALUES (2007029096248246272, 1767830400000, 1, 500, 40, 60);
INSERT INTO observation (post_id, observed_at_ms, import_id, impressions, likes, engagements)
    VALUES (2007421683102646272, 1767830400000, 1, 300, 7, 9);
INSERT INTO account_day (account_id, day, observed_at_ms, import_id, impressions, follows)
    VALUES (1, '2026-01-02', 1767830400000, 1, 900, 3);
