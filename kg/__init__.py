"""kg: knowledge graphs of geopolitical relations from news text.

A flat public API over the pipeline (read -> parse -> actors -> relations -> graph -> views).
Importing kg loads no model and imports neither spaCy, rdflib, matplotlib nor pandas: each
name is imported on first use.

Example:
    >>> import kg
    >>> sorted(name for name in kg.__all__ if name.islower())[:4]
    ['alliances', 'allies', 'blocs', 'build']
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: Public name -> module that defines it.
_EXPORTS = {
    "extract": "kg.pipeline",
    "build": "kg.pipeline",
    "load": ("kg.knowledge", "load"),
    "KnowledgeGraph": "kg.knowledge",
    "load_graph": "kg.graph",
    "save": ("kg.graph", "save_graph"),
    "validate": ("kg.graph", "validate_graph"),
    "relations_from_graph": "kg.graph",
    "to_networkx": "kg.views",
    "allies": "kg.views",
    "rivals": "kg.views",
    "relations_between": "kg.views",
    "alliances": "kg.alignment",
    "blocs": "kg.alignment",
    "to_html": ("kg.interactive", "to_html"),
    "export_graph": "kg.export",
    "draw": "kg.plot",
    "save_plot": "kg.plot",
    "evaluate": "kg.evaluate",
    "load_pipeline": "kg.parse",
    "lookup_actor": ("kg.lookup", "lookup_actor"),
    "Relation": "kg.records",
    "ActorRef": "kg.records",
    "Document": "kg.records",
    "KgError": "kg.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module_name, attribute = target if isinstance(target, tuple) else (target, name)
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
