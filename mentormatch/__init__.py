"""MentorMatch: faculty mentoring programmes, matched well."""
