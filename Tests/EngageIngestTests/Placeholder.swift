// Tests for EngageIngest are added here.
