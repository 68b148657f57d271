// Tests for EndToEnd are added here.
