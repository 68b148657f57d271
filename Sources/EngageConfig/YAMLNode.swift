import Foundation
import Yams

/// A parsed YAML file whose every access reports file and line on failure.
struct YAMLFile {
    let path: String
    let root: Node

    /// Reads and parses `path`.
    init(path: String) throws(ConfigError) {
        try self.init(path: path, text: try ConfigText.read(path))
    }

    /// Parses `text` as if read from `path`.
    init(path: String, text: String) throws(ConfigError) {
        self.path = path
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: path, message: "the file is empty")
            }
            root = node
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(file: path, line: YAMLFile.line(of: error), message: "not valid YAML: \(YAMLFile.problem(of: error))")
        } catch {
            throw ConfigError(file: path, message: "not valid YAML")
        }
    }

    /// An error at `node`'s line.
    func error(_ message: String, at node: Node?, key: String? = nil) -> ConfigError {
        ConfigError(file: path, line: node?.mark?.line, key: key, message: message)
    }

    /// The mapping's entries as (key, key node, value node), rejecting keys outside `allowed`.
    func entries(of node: Node, allowed: [String], context: String) throws(ConfigError) -> [(String, Node, Node)] {
        guard let mapping = node.mapping else {
            throw error("\(context) must be a mapping of key: value", at: node)
        }
        var out: [(String, Node, Node)] = []
        for (k, v) in mapping {
            let key = k.string ?? ""
            guard allowed.contains(key) else {
                throw error("unknown key in \(context) (expected one of: \(allowed.joined(separator: ", ")))", at: k, key: key)
            }
            out.append((key, k, v))
        }
        return out
    }

    /// The scalar text of `node`.
    func string(_ node: Node, key: String) throws(ConfigError) -> String {
        guard let s = node.scalar?.string else { throw error("expected a single value", at: node, key: key) }
        return s
    }

    /// A yes/no value.
    func bool(_ node: Node, key: String) throws(ConfigError) -> Bool {
        switch try string(node, key: key).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false", at: node, key: key)
        }
    }

    /// A list of scalars; a single scalar is accepted as a one-item list.
    func strings(_ node: Node, key: String) throws(ConfigError) -> [String] {
        if let seq = node.sequence {
            var out: [String] = []
            for item in seq { out.append(try string(item, key: key)) }
            return out
        }
        return [try string(node, key: key)]
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}
