"""The readoutwatch services and their composition root (CLI, all-in-one run, replay)."""
