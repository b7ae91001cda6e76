"""Every write of community work: one function per use case, in a transaction, audited."""
