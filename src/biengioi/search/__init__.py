"""One search over the records of every app, in the caller's scope (issue 23)."""
