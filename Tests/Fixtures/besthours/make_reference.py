#!/usr/bin/env python3
"""Writes the independent reference values the best-hour tests compare against.

- dst_expectations.json: UTC instants around both DST transitions of 2024 and 2025 in
  America/New_York and Europe/Berlin, with the local ISO weekday and hour from Python's zoneinfo.
- beta_quantiles.json: scipy.stats.beta.ppf for a grid of (p, a, b), including posterior-sized
  parameters, and scipy.stats.norm.ppf for a few p.
Run: python3 Tests/Fixtures/besthours/make_reference.py
"""
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from scipy import stats

HERE = Path(__file__).resolve().parent

# Transition instants (UTC) and probes around them, minute offsets chosen to straddle each change.
TRANSITIONS = {
    "America/New_York": ["2024-03-10T07:00:00", "2024-11-03T06:00:00", "2025-03-09T07:00:00", "2025-11-02T06:00:00"],
    "Europe/Berlin": ["2024-03-31T01:00:00", "2024-10-27T01:00:00", "2025-03-30T01:00:00", "2025-10-26T01:00:00"],
}
OFFSETS_MIN = [-150, -90, -61, -30, -1, 0, 1, 30, 59, 60, 61, 90, 150, 12 * 60 + 7]

cases = []
for zone, instants in TRANSITIONS.items():
    tz = ZoneInfo(zone)
    for text in instants:
        t0 = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
        for m in OFFSETS_MIN:
            t = t0 + timedelta(minutes=m)
            local = t.astimezone(tz)
            cases.append({
                "zone": zone,
                "utc": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "unix": int(t.timestamp()),
                "iso_weekday": local.isoweekday(),
                "hour": local.hour,
                "local": local.isoformat(),
            })
# The examples stated in issue 4.
(HERE / "dst_expectations.json").write_text(json.dumps(cases, indent=1) + "\n")

beta_cases = []
for a, b in [(0.5, 0.5), (1, 1), (2, 3), (0.7, 40), (3.5, 120.25), (45.2, 2210.8), (120, 5880),
             (980.5, 48020.3), (20.1, 9980.7), (1500, 73500), (6000, 294000), (0.5, 30000)]:
    for p in [0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999]:
        beta_cases.append({"p": p, "a": a, "b": b, "q": float(stats.beta.ppf(p, a, b))})
norm_cases = [{"p": p, "q": float(stats.norm.ppf(p))} for p in [1e-10, 1e-4, 0.01, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999]]
(HERE / "beta_quantiles.json").write_text(json.dumps({"beta": beta_cases, "normal": norm_cases}, indent=1) + "\n")
print(f"{len(cases)} DST cases, {len(beta_cases)} beta quantiles")
