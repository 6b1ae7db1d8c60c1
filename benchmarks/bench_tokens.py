"""Token paths side by side: English, Chinese and Russian; and jieba against rjieba.

Part 1 (``--part speed``): MB/s and peak memory of :func:`toolkit.count_terms`
(unigrams with document frequency) on an English, a Chinese and a Russian
corpus of ``--mb`` MB each, every run in its own subprocess:

* English: shuffled sentences of the Wikinews reference (CC BY 2.5), with the
  default token scheme and with ``scheme="sklearn"`` (no clitic splitting);
* Chinese: clauses of words drawn from the hand-segmented sentences (below),
  so that nearly every clause is new to the segmenter, as in real text;
* Russian: shuffled hand-written sentences, as written and with ``lemmatize=True``.

Part 2 (``--part segmenters``): jieba (Python) and rjieba (jieba-rs) on the
same hand-segmented sample: speed on the Chinese corpus and word-boundary
precision, recall and F1 against the hand segmentation.

    nice python benchmarks/bench_tokens.py --mb 10
    nice python benchmarks/bench_tokens.py --part segmenters

The Chinese and Russian sentences were written for this benchmark (no
legally usable real Chinese or Russian news text ships in a registry package
we could find). The Russian corpus repeats 16 sentences, so it has few
distinct words: its lemmatising cost (per distinct word) is far below that
of real text; read its MB/s as an upper bound.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Hand-segmented Chinese sentences (the gold standard of part 2), in the
#: style of Xinhua, People's Daily and Global Times copy; "/" separates words,
#: following the Peking University conventions (外交部, 发言人 are words;
#: names are one word).
ZH_GOLD = [
    "所谓/颜色/革命/是/境外/势力/干涉/中国/内政/的/阴谋/。",
    "外交部/发言人/赵立坚/在/例行/记者会/上/表示/，/美方/应/停止/干涉/香港/事务/。",
    "国务委员/兼/外长/王毅/10日/同/俄罗斯/外长/拉夫罗夫/通/电话/。",
    "双方/一致/认为/，/哈萨克斯坦/局势/的/稳定/符合/地区/各国/的/共同/利益/。",
    "中方/坚决/反对/任何/外部/势力/蓄意/制造/动乱/、/策划/颜色/革命/。",
    "美国/一些/政客/打着/人权/的/幌子/，/肆意/抹黑/中国/的/新疆/政策/。",
    "北约/东扩/严重/威胁/俄罗斯/的/安全/，/也/破坏/了/欧洲/的/和平/与/稳定/。",
    "专家/指出/，/西方/媒体/的/报道/充满/偏见/，/歪曲/了/事实/真相/。",
    "中国/人民/绝/不/允许/任何/外国/势力/欺负/、/压迫/、/奴役/我们/。",
    "该/国/政府/宣布/进入/紧急/状态/，/并/请求/集体/安全/条约/组织/提供/帮助/。",
    "两国/元首/就/双边/关系/和/共同/关心/的/国际/问题/深入/交换/了/意见/。",
    "所謂/顏色/革命/是/境外/勢力/干涉/中國/內政/的/陰謀/。",
    "台湾/问题/纯属/中国/内政/，/不容/任何/外国/势力/干涉/。",
    "发言人/强调/，/中方/将/采取/一切/必要/措施/维护/国家/主权/和/领土/完整/。",
    "这/是/一/场/由/境外/反华/势力/精心/策划/的/闹剧/。",
    "俄方/愿/同/中方/加强/在/联合国/等/多边/框架/内/的/协调/与/配合/。",
]
ZH_SENTENCES = [s.replace("/", "") for s in ZH_GOLD]

#: Russian sentences in the style of TASS, RIA Novosti and RT copy.
RU_SENTENCES = [
    "Министр иностранных дел России Сергей Лавров заявил, что Запад пытается устроить цветную революцию.",
    "По его словам, за беспорядками в Казахстане стоят внешние силы.",
    "Эксперты напоминают о серии цветных революций на постсоветском пространстве.",
    "Москва не допустит вмешательства во внутренние дела страны, подчеркнул пресс-секретарь Кремля.",
    "Силы ОДКБ прибыли в Алма-Ату по просьбе президента Касым-Жомарта Токаева.",
    "В МИД отметили, что революциями такие проблемы не решаются.",
    "Западные СМИ распространяют фейки о ситуации в республике.",
    "Власти ввели режим чрезвычайного положения и комендантский час.",
    "Аналитики считают, что сценарий цветной революции провалился.",
    "Представитель ведомства призвал не верить слухам в социальных сетях.",
    "Россия и Китай выступают против попыток внешних сил вмешиваться в дела региона.",
    "Протестующие захватили здание администрации, сообщают местные источники.",
    "Генеральный секретарь организации назвал миссию миротворческой.",
    "В ходе телефонного разговора стороны обсудили ситуацию в регионе.",
    "Лидеры договорились продолжить консультации по вопросам безопасности.",
    "Иностранные агенты, по данным следствия, координировали действия через мессенджеры.",
]

CONFIGS = {
    "en default": ("en", {}),
    "en scheme=sklearn": ("en", {"scheme": "sklearn"}),
    "zh default": ("zh", {}),
    "ru default": ("ru", {}),
    "ru lemmatize": ("ru", {"lemmatize": True}),
}


def build_corpus(language: str, megabytes: float, seed: int, path: Path) -> Path:
    import numpy as np
    import pandas as pd

    if language == "en":
        sys.path.insert(0, str(ROOT))
        from benchmarks.bench_frequency import build_corpus as english

        return english(megabytes, seed, path)
    rng = np.random.default_rng(seed)
    target, size, articles = megabytes * 1e6, 0, []
    if language == "zh":  # clauses of shuffled words: each clause new, as in real text
        words = [w for s in ZH_GOLD for w in s.split("/") if w not in "，。、"]
        while size < target:
            clauses = ["".join(rng.choice(words, rng.integers(4, 16))) for _ in range(rng.integers(10, 80))]
            article = "".join(c + ("。" if rng.random() < 0.4 else "，") for c in clauses)
            articles.append(article)
            size += len(article.encode("utf-8"))
    while size < target:
        article = " ".join(RU_SENTENCES[i] for i in rng.integers(0, len(RU_SENTENCES), rng.integers(5, 41)))
        articles.append(article)
        size += len(article.encode("utf-8"))
    pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(articles))], "text": articles}).to_parquet(path)
    return path


def child(config: str, corpus: str) -> None:
    import pandas as pd

    sys.path.insert(0, str(ROOT))
    from toolkit import TokenSettings, count_terms

    texts = pd.read_parquet(corpus)["text"].tolist()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    settings = TokenSettings(**CONFIGS[config][1])
    count_terms(pd.DataFrame({"text": texts[:50]}), by=[], settings=settings, progress=False)  # load dictionaries outside the timing
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    counts = count_terms(pd.DataFrame({"text": texts}), by=[], settings=settings, progress=False)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"config": config, "seconds": seconds, "cpu_seconds": cpu, "mb": megabytes, "n_terms": len(counts.terms),
                      "peak_mb": peak / 1024, "extra_mb": max(peak - before, 0) / 1024}))


def speed(megabytes: float, seed: int) -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {lang: build_corpus(lang, megabytes, seed, Path(tmp) / f"{lang}.parquet") for lang in ("en", "zh", "ru")}
        for config, (language, _) in CONFIGS.items():
            out = subprocess.run([sys.executable, __file__, "--child", config, str(corpora[language])],
                                 capture_output=True, text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"  {config}: {results[-1]['seconds']:.1f} s", file=sys.stderr)
    print(f"\ncount_terms, unigrams, about {megabytes:g} MB per language\n")
    print("| token path | MB | wall s | CPU s | MB/s (CPU) | terms | peak memory (MB) | above the loaded corpus (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['config']} | {r['mb']:.1f} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['mb'] / r['cpu_seconds']:.1f} | "
              f"{r['n_terms']:,} | {r['peak_mb']:,.0f} | {r['extra_mb']:,.0f} |")


def _boundaries(words) -> set[tuple[int, int]]:
    spans, at = set(), 0
    for word in words:
        spans.add((at, at + len(word)))
        at += len(word)
    return spans


def segmenters(megabytes: float) -> None:
    import logging

    import jieba
    import rjieba

    sys.path.insert(0, str(ROOT))
    from toolkit.segmentation import segment

    jieba.setLogLevel(logging.WARNING)
    rust = rjieba.Jieba()
    cutters = {
        "jieba 0.42.1 (Python)": lambda text: list(jieba.cut(text, HMM=True)),
        "rjieba (jieba-rs)": lambda text: rust.cut(text, hmm=True),
        "toolkit (rjieba on the OpenCC-simplified text)": lambda text: [text[s:e] for s, e in segment(text, ())],
    }
    text = "".join(ZH_SENTENCES) * max(1, int(megabytes * 1e6 / len("".join(ZH_SENTENCES).encode())))
    print(f"\nChinese segmenters on {len(ZH_GOLD)} hand-segmented sentences; speed on {len(text.encode()) / 1e6:.1f} MB\n")
    print("| segmenter | precision | recall | F1 | MB/s | start-up s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, cut in cutters.items():
        start = time.perf_counter()
        cut("初始化")
        startup = time.perf_counter() - start
        tp = n_gold = n_found = 0
        for gold in ZH_GOLD:
            truth, found = _boundaries(gold.split("/")), _boundaries(cut(gold.replace("/", "")))
            tp, n_gold, n_found = tp + len(truth & found), n_gold + len(truth), n_found + len(found)
        start = time.perf_counter()
        cut(text)
        seconds = time.perf_counter() - start
        precision, recall = tp / n_found, tp / n_gold
        print(f"| {name} | {precision:.3f} | {recall:.3f} | {2 * precision * recall / (precision + recall):.3f} | "
              f"{len(text.encode()) / 1e6 / seconds:.1f} | {startup:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10, help="corpus size per language, MB of UTF-8")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--part", choices=("speed", "segmenters", "all"), default="all")
    parser.add_argument("--child", nargs=2, metavar=("CONFIG", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    if args.part in ("speed", "all"):
        speed(args.mb, args.seed)
    if args.part in ("segmenters", "all"):
        segmenters(min(args.mb, 2))


if __name__ == "__main__":
    main()
