"""termcheck: a glossary-driven translation-consistency checker.

The pipeline (see README): readers → segments → normalizer → matcher → rules → findings →
reporters, with the fixer writing files. :func:`termcheck.engine.check_paths` runs it.
"""

from __future__ import annotations

__version__ = "0.1.0"
