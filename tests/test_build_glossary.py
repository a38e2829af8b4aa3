from summary_lint.tools.build_glossary import association_glossary, main, pair_glossary, parenthetical_pairs


def test_parenthetical_pairs_both_directions():
    pairs = parenthetical_pairs("새로운 지식 그래프(Knowledge Graph)를 쓰고, LLM(대규모 언어 모델)을 평가합니다.")
    assert pairs == [({"knowledg", "graph"}, {"지식", "그래프"}), ({"llm"}, {"대규모", "언어", "모델"})]


def test_pair_glossary_keeps_recurring_associated_pairs_only():
    pairs = [({"graph"}, {"그래프"})] * 3 + [({"graph"}, {"새로운"})]
    assert pair_glossary(pairs, min_pairs=2, min_dice=0.2) == {("graph", "그래프"): 0.857}


def test_association_needs_support_and_lift():
    docs = [({"radiance"}, {"복사", "장면"})] * 4 + [({"agent"}, {"장면"})] * 4 + [({"token"}, {"토큰"})] * 2
    table = association_glossary(docs, min_docs=3, min_conditional=0.5, min_lift=1.5, max_share=1.0)
    assert ("radiance", "복사") in table and ("agent", "장면") not in table  # 장면 is everywhere
    assert ("token", "토큰") not in table  # two papers are not enough


def test_command_writes_term_pairs_only(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    entry = ("### [Graph Agents {n}](https://arxiv.org/abs/2401.0000{n})\n\n"
             "- 지식 그래프(Knowledge Graph)를 에이전트 메모리로 씁니다. 그래프 구조가 핵심입니다.\n")
    for n in range(1, 5):
        (corpus / f"0{n}.md").write_text("## Daily Papers (2030-01-0%d)\n\n" % n + entry.format(n=n), encoding="utf-8")
    out = tmp_path / "ko-en.tsv"
    assert main([str(corpus), "-o", str(out)]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert ["graph", "그래프"] in [row[:2] for row in rows]
    assert all(len(row) == 3 and " " not in row[1] for row in rows)  # single words, no summary text
    assert "pairs" in capsys.readouterr().err
