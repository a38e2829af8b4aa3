"use strict";
// Builds the table and the cards from the JSON block. Untrusted text only ever reaches the page as
// text nodes or setAttribute values, and links only when they are http(s).
(function () {
  const papers = JSON.parse(document.getElementById("report-data").textContent).papers;
  const PAGE_SIZE = 50;
  const DEFAULT_DIR = { score: 1, votes: -1, title: 1 };
  const state = { verdict: "", rule: "", query: "", sort: "score", dir: 1, page: 0 };
  const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
  const $ = (id) => document.getElementById(id);
  let haystacks = null;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(key, String(value));
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function safeHref(url) {
    return typeof url === "string" && /^https?:\/\/[^\s"'<>`]+$/i.test(url) ? url : null;
  }

  function link(url, text, attrs) {
    const href = safeHref(url);
    if (!href) return el("span", attrs, [text]);
    return el("a", Object.assign({ href: href, rel: "noopener noreferrer" }, attrs), [text]);
  }

  function plain(parts) {
    return parts.map((part) => (typeof part === "string" ? part : part[0])).join("");
  }

  const CLAIM = {
    true: { cls: "claim-ok", text: "supported by the abstract" },
    false: { cls: "claim-miss", text: "not found in the abstract" },
  };

  // Evidence pieces become focusable <mark>s; the tooltip names rule and message, and
  // aria-describedby points at the finding's entry in the card. A claim (a third item, true or
  // false) is underlined, solid when the abstract supports it and dashed when not; inside
  // evidence the mark stays and carries the claim's status too.
  function marked(paper, parts) {
    return parts.map((part) => {
      if (typeof part === "string") return part;
      const claim = part.length > 2 ? CLAIM[part[2]] : null;
      const legend = claim ? claim.cls + "-" + paper.id : null;
      if (!part[1].length) {
        return el("span", { class: "claim " + claim.cls, title: claim.text, "aria-describedby": legend }, [part[0]]);
      }
      const found = part[1].map((i) => paper.findings[i]);
      const severity = found.some((f) => f.severity === "error") ? "error" : found[0].severity;
      const tips = found.map((f) => f.code + " " + f.rule + ": " + f.message);
      const described = part[1].map((i) => "f-" + paper.id + "-" + i);
      if (claim) {
        tips.push("claim " + claim.text);
        described.push(legend);
      }
      return el("mark", {
        tabindex: 0,
        class: "sev-" + severity + (claim ? " claim " + claim.cls : ""),
        "data-tip": tips.join("\n"),
        "aria-describedby": described.join(" "),
      }, [part[0]]);
    });
  }

  // The key to the claim underlines, with how many claims of each kind the summary makes.
  function legend(paper) {
    const entry = (ok, count) => [
      count + " ", el("span", { class: "claim " + CLAIM[ok].cls, id: CLAIM[ok].cls + "-" + paper.id }, [CLAIM[ok].text]),
    ];
    return el("p", { class: "legend" }, ["Claims in the summary: "].concat(
      entry(true, paper.source.supported), " · ", entry(false, paper.source.unsupported)));
  }

  function sourceBox(paper) {
    const source = paper.source;
    return el("aside", { class: "source", "aria-label": "source abstract" }, [
      el("h4", {}, ["Source abstract"]),
      el("p", { class: "source-title", lang: source.titleLang }, [source.title || "(no title)"]),
      el("p", { lang: source.abstractLang }, [source.abstract || "(no abstract)"]),
    ]);
  }

  function haystack(index) {
    if (!haystacks) {
      haystacks = papers.map((p) =>
        [plain(p.title)].concat(p.sections.map((s) => plain(s.parts))).join("\n").toLowerCase());
    }
    return haystacks[index];
  }

  function matches(paper) {
    if (state.verdict && paper.verdict !== state.verdict) return false;
    if (state.rule && !paper.rules.includes(state.rule)) return false;
    return !state.query || haystack(paper.id).includes(state.query);
  }

  function compare(a, b) {
    let diff;
    if (state.sort === "title") diff = collator.compare(plain(a.title), plain(b.title));
    else if (state.sort === "votes") diff = (a.votes ?? -1) - (b.votes ?? -1);
    else diff = a.score - b.score;
    return diff * state.dir || a.id - b.id;
  }

  function row(paper) {
    const title = el("td", { class: "title" }, [
      link(paper.url, plain(paper.title), { lang: paper.titleLang }),
      el("a", { class: "details-link", href: "#p-" + paper.id, "aria-label": "details: " + plain(paper.title) }, ["details"]),
    ]);
    const chips = el("div", { class: "chips" },
      paper.rules.map((name) => el("a", { class: "chip", href: "#rule-" + name }, [name])));
    return el("tr", { "data-verdict": paper.verdict, "data-id": paper.id }, [
      el("td", { class: "num score" }, [String(paper.score)]),
      el("td", {}, [el("span", { class: "badge " + paper.verdict }, [paper.verdict])]),
      title,
      el("td", { class: "num" }, [paper.votes === null ? "—" : String(paper.votes)]),
      el("td", {}, [chips]),
    ]);
  }

  function findingItem(paper, finding, index) {
    const children = [
      el("a", { class: "rule", href: "#rule-" + finding.rule }, [finding.code + " " + finding.rule]),
      " ",
      el("span", { class: "penalty sev-" + finding.severity, title: finding.severity },
        [finding.penalty ? "−" + finding.penalty : "no penalty"]),
      " " + finding.message,
    ];
    if (finding.evidence && !finding.placed) children.push(" ", el("q", {}, [finding.evidence]));
    for (const other of finding.related) {
      children.push(" → ");
      children.push(other.card === null
        ? el("span", {}, [other.title || other.where])
        : el("a", { href: "#p-" + other.card }, ["see " + (other.title || other.where)]));
    }
    return el("li", { id: "f-" + paper.id + "-" + index }, children);
  }

  function card(paper) {
    const meta = [
      "Authors: ",
      el("span", { lang: paper.authorsLang }, [paper.authors && paper.authors.length ? paper.authors.join(", ") : "—"]),
      " · Votes: " + (paper.votes === null ? "—" : paper.votes),
    ];
    if (safeHref(paper.url)) meta.push(" · ", link(paper.url, paper.arxiv ? "arXiv " + paper.arxiv : "paper link"));
    if (safeHref(paper.thumbnail)) meta.push(" · ", link(paper.thumbnail, "thumbnail"));
    const findings = paper.findings.length
      ? el("ul", { class: "findings", "aria-label": "findings" }, paper.findings.map((f, i) => findingItem(paper, f, i)))
      : el("p", { class: "muted" }, ["No findings."]);
    const sections = paper.sections.map((s) => el("div", { class: "section" }, [
      el("h4", {}, [s.label || "Summary"]),
      el("p", { lang: s.lang }, marked(paper, s.parts)),
    ]));
    const children = [
      el("div", { class: "head" }, [
        el("span", { class: "badge " + paper.verdict }, [paper.verdict]),
        el("span", { class: "score" }, ["Score " + paper.score]),
        el("span", { class: "muted" }, [paper.file + ":" + paper.line]),
      ]),
      el("h3", { id: "p-" + paper.id + "-h", lang: paper.titleLang }, marked(paper, paper.title)),
      el("p", { class: "meta" }, meta),
      findings,
    ];
    // With --sources the summary and its source abstract stand side by side (stacked on a phone).
    if (paper.source) {
      children.push(legend(paper), el("div", { class: "compare" }, [
        el("div", { class: "summary" }, sections), sourceBox(paper),
      ]));
    } else {
      children.push(...sections);
    }
    return el("article", {
      class: "card " + paper.verdict, id: "p-" + paper.id, tabindex: -1, "aria-labelledby": "p-" + paper.id + "-h",
    }, children);
  }

  function update() {
    const rows = papers.filter(matches).sort(compare);
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    const first = state.page * PAGE_SIZE;
    const shown = rows.slice(first, first + PAGE_SIZE);
    $("paper-rows").replaceChildren(...shown.map(row));
    $("linked-card").replaceChildren();
    $("cards").replaceChildren(...shown.map(card));
    $("match-count").textContent = rows.length + " of " + papers.length + " papers" +
      (rows.length > PAGE_SIZE ? ", showing " + (first + 1) + "–" + (first + shown.length) : "");
    $("page-info").textContent = "Page " + (state.page + 1) + " of " + pages;
    $("page-prev").disabled = state.page === 0;
    $("page-next").disabled = state.page >= pages - 1;
    for (const button of document.querySelectorAll("th button[data-sort]")) {
      const sorted = button.dataset.sort === state.sort;
      button.parentElement.setAttribute("aria-sort", sorted ? (state.dir > 0 ? "ascending" : "descending") : "none");
    }
  }

  // A link to a card that is not on the current page renders that card above the page's cards.
  function showLinkedCard() {
    const match = /^#p-(\d+)$/.exec(location.hash);
    if (!match || !papers[Number(match[1])]) return;
    let target = document.getElementById("p-" + match[1]);
    if (!target) {
      target = card(papers[Number(match[1])]);
      target.classList.add("linked");
      $("linked-card").replaceChildren(target);
    }
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }

  function refilter() {
    state.page = 0;
    update();
  }

  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("filter-verdict").addEventListener("change", (e) => { state.verdict = e.target.value; refilter(); });
  $("filter-rule").addEventListener("change", (e) => { state.rule = e.target.value; refilter(); });
  let typing = null;
  $("search").addEventListener("input", (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.query = e.target.value.trim().toLowerCase(); refilter(); }, 150);
  });
  for (const button of document.querySelectorAll("th button[data-sort]")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      state.dir = key === state.sort ? -state.dir : DEFAULT_DIR[key];
      state.sort = key;
      refilter();
    });
  }
  $("page-prev").addEventListener("click", () => { state.page -= 1; update(); });
  $("page-next").addEventListener("click", () => { state.page += 1; update(); });
  window.addEventListener("hashchange", showLinkedCard);
  update();
  showLinkedCard();
})();
