// Tests for EngageReport are added here.
