"""Builders of test data, one module per layer or content family (bureaus, ads, nominations,
photos, exposure). Tests build what they need here instead of borrowing demo content."""
