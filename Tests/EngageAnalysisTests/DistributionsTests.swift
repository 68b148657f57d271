import EngageAnalysis
import Foundation
import Testing

/// Normal, t and beta functions against SciPy (`reference.json` → `distributions`).
@Suite struct DistributionsTests {
    let table: [String: Any]

    init() throws { table = try Fixtures.reference()["distributions"] as? [String: Any] ?? [:] }

    func rows(_ key: String) -> [[Double]] {
        let rows = (table[key] as? [[Any]] ?? []).map { $0.map { number($0) ?? .nan } }
        return rows
    }

    @Test func normalCDFAndSurvival() {
        #expect(rows("normal_cdf").count > 20)
        for r in rows("normal_cdf") {
            // SciPy flushes Φ(−38) ≈ 2.9e-316 (subnormal) to 0, hence the tiny absolute tolerance.
            #expect(isClose(Distributions.normalCDF(r[0]), r[1], relative: 1e-12, absolute: 1e-300), "Φ(\(r[0]))")
        }
        for r in rows("normal_sf") {
            #expect(isClose(Distributions.normalSurvival(r[0]), r[1], relative: 1e-12, absolute: 0), "1 − Φ(\(r[0]))")
        }
        for r in rows("erfc") {
            #expect(isClose(Distributions.erfc(r[0]), r[1], relative: 1e-13, absolute: 0), "erfc(\(r[0]))")
        }
    }

    @Test func normalQuantile() {
        #expect(rows("normal_ppf").count > 20)
        for r in rows("normal_ppf") {
            #expect(isClose(Distributions.normalQuantile(r[0]), r[1], relative: 1e-12, absolute: 1e-15), "Φ⁻¹(\(r[0]))")
        }
        #expect(isClose(Distributions.z95, Distributions.normalQuantile(0.975), relative: 1e-15))
        #expect(isClose(Distributions.z80, Distributions.normalQuantile(0.8), relative: 1e-15))
    }

    @Test func studentT() {
        #expect(rows("t_cdf").count > 100)
        for r in rows("t_cdf") {
            #expect(isClose(Distributions.studentTCDF(r[0], degreesOfFreedom: r[1]), r[2], relative: 1e-10, absolute: 0),
                    "t cdf(\(r[0]), df \(r[1]))")
        }
        for r in rows("t_sf") {
            #expect(isClose(Distributions.studentTSurvival(r[0], degreesOfFreedom: r[1]), r[2], relative: 1e-10, absolute: 0),
                    "t sf(\(r[0]), df \(r[1]))")
        }
        for r in rows("t_ppf") {
            #expect(isClose(Distributions.studentTQuantile(r[0], degreesOfFreedom: r[1]), r[2], relative: 1e-10, absolute: 1e-14),
                    "t ppf(\(r[0]), df \(r[1]))")
        }
    }

    @Test func beta() {
        #expect(rows("betainc").count > 10)
        for r in rows("betainc") {
            #expect(isClose(Distributions.regularizedIncompleteBeta(r[2], a: r[0], b: r[1]), r[3], relative: 1e-11, absolute: 0),
                    "I_\(r[2])(\(r[0]), \(r[1]))")
        }
        for r in rows("beta_ppf") {
            #expect(isClose(Distributions.betaQuantile(r[0], a: r[1], b: r[2]), r[3], relative: 1e-10, absolute: 0),
                    "beta ppf(\(r[0]); \(r[1]), \(r[2]))")
        }
    }

    @Test func edgesStayFinite() {
        for p in [0.0, Double.leastNonzeroMagnitude, 1.0, 1 - 1e-17] {
            #expect(Distributions.normalQuantile(p).isFinite)
            #expect(Distributions.studentTQuantile(p, degreesOfFreedom: 3).isFinite)
            #expect(Distributions.betaQuantile(p, a: 2, b: 5).isFinite)
        }
        #expect(Distributions.studentTCDF(.infinity, degreesOfFreedom: 4) == 1)
        #expect(Distributions.regularizedIncompleteBeta(-1, a: 2, b: 3) == 0)
        #expect(Distributions.regularizedIncompleteBeta(2, a: 2, b: 3) == 1)
    }
}
