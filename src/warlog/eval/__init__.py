"""eval: score the pipeline against gold files (eval/FORMAT.md)."""

from warlog.eval.run import evaluate, load_gold
from warlog.eval.scorer import score_files, score_kind

__all__ = ["evaluate", "load_gold", "score_files", "score_kind"]
