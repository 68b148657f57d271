// Tests for EngageAnalysis are added here.
