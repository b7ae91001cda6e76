"""Every read of community work, cut to the actor's unit scope (one module per kind of record
may stand beside this one: `<kind>_selectors.py`)."""
