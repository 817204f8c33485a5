"""Admin for protected photos (upload, blur-region review, private original). Issue 4."""
