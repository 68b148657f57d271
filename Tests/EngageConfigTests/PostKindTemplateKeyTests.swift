import Testing
@testable import EngageConfig

/// `adjust_for_post_kind` in a template: absent leaves the default, true or false set it, any other
/// value is an error naming the line and key.
@Suite struct PostKindTemplateKeyTests {
    @Test func readsTrueAndFalse() throws {
        #expect(try ReportTemplate.parse(yaml: "title: T\n", path: "t.yaml", name: "t").adjustForPostKind == nil)
        #expect(try ReportTemplate.parse(yaml: "adjust_for_post_kind: false\n", path: "t.yaml", name: "t").adjustForPostKind == false)
        #expect(try ReportTemplate.parse(yaml: "title: T\nadjust_for_post_kind: true\n", path: "t.yaml", name: "t").adjustForPostKind == true)
    }

    @Test func rejectsOtherValues() {
        do {
            _ = try ReportTemplate.parse(yaml: "title: T\nadjust_for_post_kind: maybe\n", path: "t.yaml", name: "t")
            Issue.record("adjust_for_post_kind: maybe was accepted")
        } catch {
            #expect(error.description.contains("t.yaml line 2, key \"adjust_for_post_kind\": expected true or false"), "\(error.description)")
        }
    }
}
