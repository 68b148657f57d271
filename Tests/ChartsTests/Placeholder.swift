// Tests for Charts are added here.
