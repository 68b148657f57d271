// EngageAnalysis
