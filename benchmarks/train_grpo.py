"""GRPO on the calendar tasks with TRL: the reward curve of a real run, or a CPU smoke run (not run in CI).

A real run, on a machine with a GPU and the model's weights (downloaded by ``transformers`` the usual
way, or a local path)::

    pip install torch "lookup-guards[train]"
    python benchmarks/train_grpo.py --model Qwen/Qwen3-0.6B --steps 200 --guarded --reward shaped

A smoke run, anywhere with a CPU build of PyTorch: a tiny randomly initialised Qwen3-shaped model and
a byte-level tokenizer trained on the tasks' own text are built in memory (nothing is downloaded; the
chat template is the Qwen3 one TRL ships), and a few GRPO steps run end to end: dataset, environment
factory, the tool-calling loop, the reward. A random model calls no tools, so its rewards are zeros::

    python benchmarks/train_grpo.py --smoke --steps 2

Prints one JSON line per logged step (``reward`` is the mean over the batch's completions, with its
standard deviation, the tool-call frequency and the loss), then one summary line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals.rl import trl_dataset, trl_environment, trl_reward

SMOKE_TOOLS = ("calendars_list", "events_insert")
SMOKE_FAMILY = "create_on_calendar"
LOGGED = (
    "reward",
    "reward_std",
    "loss",
    "tools/call_frequency",
    "tools/failure_frequency",
    "completions/mean_length",
)


def smoke_model(texts: list[str]) -> tuple[Any, Any]:
    """A tiny random Qwen3 causal LM and a byte-level BPE tokenizer trained on ``texts``, in memory."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast, Qwen3Config, Qwen3ForCausalLM
    from trl.chat_template_utils import qwen3_chat_template

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<tool_call>", "</tool_call>",
                "<tool_response>", "</tool_response>", "<think>", "</think>"]  # fmt: skip
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=2048, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    bpe.train_from_iterator(texts, trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        padding_side="left",
        chat_template=qwen3_chat_template,
    )
    config = Qwen3Config(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=4,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=16,
        max_position_embeddings=16384,
        tie_word_embeddings=True,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    return Qwen3ForCausalLM(config), tokenizer


class RewardCurve:
    """Prints the logged metrics of every step as one JSON line (the reward curve), and counts the
    episodes graded (each one reset with a task and ended by the reward function)."""

    def __init__(self) -> None:
        self.rewards: list[float] = []
        self.graded = 0

    def reward(self, environments: list[Any], completions: list[Any], **kwargs: Any) -> list[float]:
        rewards = trl_reward(environments, completions, **kwargs)
        assert all(env.episode.task is not None and env.episode.done for env in environments)
        self.graded += len(rewards)
        return rewards

    def callback(self) -> Any:
        from transformers import TrainerCallback

        curve = self

        class PrintRewards(TrainerCallback):  # type: ignore[misc]
            def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **_: Any) -> None:
                if not logs or "reward" not in logs:
                    return
                curve.rewards.append(float(logs["reward"]))
                metrics = {k: round(float(logs[k]), 4) for k in LOGGED if k in logs}
                print(json.dumps({"step": state.global_step, **metrics}), flush=True)

        return PrintRewards()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="Qwen/Qwen3-0.6B", help="a model id or a local path (GPU runs)")
    parser.add_argument("--smoke", action="store_true", help="a tiny random model built locally, on the CPU")
    parser.add_argument("--suite", default="calendar")
    parser.add_argument("--families", default=None, help="only these task families (comma-separated)")
    parser.add_argument("--guarded", action="store_true", help="every call through the guards")
    parser.add_argument("--reward", default="binary", choices=("binary", "shaped"))
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--num-generations", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=4, help="completions per device per step")
    parser.add_argument("--max-completion-length", type=int, default=1024)
    parser.add_argument("--max-turns", type=int, default=10, help="tool-calling iterations per completion")
    parser.add_argument("--learning-rate", type=float, default=1e-6)
    parser.add_argument("--output-dir", default="results/grpo")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from datasets import Dataset
    from trl import GRPOConfig, GRPOTrainer

    families = set(args.families.split(",")) if args.families else None
    tools: tuple[str, ...] | None = None
    if args.smoke:
        families, tools = {SMOKE_FAMILY}, SMOKE_TOOLS
    factory = trl_environment(suite=args.suite, guarded=args.guarded, reward=args.reward, tools=tools)
    family_of = {task.id: task.family for task in factory._tasks}
    rows = trl_dataset(suite=args.suite, seed=args.seed)
    rows = [row for row in rows if not families or family_of[row["task_id"]] in families]
    model: Any = args.model
    tokenizer: Any = None
    if args.smoke:
        texts = [t.instruction for t in factory._tasks] + [r["prompt"][0]["content"] for r in rows]
        model, tokenizer = smoke_model(texts)
    curve = RewardCurve()
    config = GRPOConfig(
        output_dir=args.output_dir,
        max_steps=args.steps,
        per_device_train_batch_size=args.batch_size,
        num_generations=args.num_generations,
        max_completion_length=64 if args.smoke else args.max_completion_length,
        max_tool_calling_iterations=args.max_turns,
        learning_rate=args.learning_rate,
        logging_steps=1,
        report_to=[],
        save_strategy="no",
        seed=args.seed,
        use_cpu=args.smoke,
        bf16=not args.smoke,
    )
    trainer = GRPOTrainer(
        model=model,
        processing_class=tokenizer,
        reward_funcs=curve.reward,
        train_dataset=Dataset.from_list(rows),
        environment_factory=factory,
        args=config,
        callbacks=[curve.callback()],
    )
    started = time.perf_counter()
    trainer.train()
    summary = {
        "summary": True,
        "model": "smoke (random, 4 layers)" if args.smoke else args.model,
        "arm": "guarded" if args.guarded else "raw",
        "reward_mode": args.reward,
        "tasks": len(rows),
        "steps": len(curve.rewards),
        "graded_episodes": curve.graded,
        "first_reward": curve.rewards[0] if curve.rewards else None,
        "last_reward": curve.rewards[-1] if curve.rewards else None,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
