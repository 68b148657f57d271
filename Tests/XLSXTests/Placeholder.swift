// Tests for XLSX are added here.
