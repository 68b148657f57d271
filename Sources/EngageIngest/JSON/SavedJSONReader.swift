import EngageModel
import Foundation

/// Reads saved API responses (Engagement API, X API v2) and the normalised file `engage fetch`
/// writes, so that they are inputs like any export: merged by post id, listed in About, checked
/// by `engage validate`.
enum SavedJSONReader: ExportFormatReader {
    static func accepts(_ input: InputBytes) -> Bool { input.looksLikeJSON }

    static func read(_ input: InputBytes) throws(IngestError) -> ExportFile {
        let data = Data(input.bytes)
        let result: (posts: [Post], hourly: HourlySeriesPoints, issues: [DataIssue], variant: String)
        do {
            result = try SavedResponseReader.read(path: input.path, data: data)
        } catch let error as JSONReadError {
            throw .unsupportedInput(path: input.path, reason: error.reason)
        } catch {
            throw .unsupportedInput(path: input.path, reason: "not a saved API response engage can read (\(error))")
        }
        let variant: ExportVariant = switch result.variant {
        case SavedResponseReader.xV2Variant: .xAPIv2
        case NormalisedData.variant: .fetchedData
        default: .engagementAPI
        }
        let skipped = result.issues.filter { $0.kind == .skippedRow }.count
        let input = InputFile(path: input.path, variant: variant.displayName, encoding: "UTF-8 JSON",
                              rows: result.posts.count, skipped: skipped, sha256: input.sha256Hex(), bytes: input.bytes.count)
        return ExportFile(input: input, variant: variant, posts: result.posts, daily: [], issues: result.issues,
                          handle: handle(in: result.posts), windowEnd: nil, hourly: result.hourly)
    }

    /// The handle from the posts' permalinks (`https://x.com/<handle>/status/<id>`), when they have one.
    private static func handle(in posts: [Post]) -> String? {
        for post in posts {
            guard let link = post.permalink, let url = URL(string: link), url.pathComponents.count >= 3,
                  url.pathComponents[2] == "status" else { continue }
            let name = url.pathComponents[1]
            if name != "i" { return name }
        }
        return nil
    }
}
