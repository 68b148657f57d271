// EngageIngest
