"""Reads of coordination work, cut to the actor's scope."""
