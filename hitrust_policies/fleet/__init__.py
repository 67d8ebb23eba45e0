"""Organization-wide scans: many accounts, subscriptions and projects, cut into units workers run alone."""
