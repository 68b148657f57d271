// EngageReport
