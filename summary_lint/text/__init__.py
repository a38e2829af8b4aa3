"""Text helpers that sit below the rules: tokens, scripts, glossary look-ups, similarity.

Rules import from here; nothing here imports a rule, the engine or a renderer.
"""
