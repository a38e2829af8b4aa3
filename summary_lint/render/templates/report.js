"use strict";
// The page is complete without this script. It only filters, searches and navigates the cards the
// HTML already holds, keeps that state in the URL's hash, and collects an editor's decisions
// (accepted findings, papers to fix) for download. It reads text with textContent and writes none.
(function () {
  const $ = (id) => document.getElementById(id);
  const cards = Array.from(document.querySelectorAll(".card"));
  const groups = Array.from(document.querySelectorAll(".group"));
  const state = { verdict: "", rule: "", q: "" };
  const STORE = "summary-lint-decisions:" + document.body.dataset.report;
  let entries = null;
  let matches = null;
  let current = null;
  let urlUpdate = null;
  let openedByFilter = false;
  const PASSING_OPENED = 100;

  document.documentElement.classList.add("js");

  // Search text (title, arXiv id, authors, file) and rule sets, read once, when a filter first needs them.
  function index() {
    if (!entries) {
      const search = JSON.parse($("search-data").textContent);
      entries = cards.map((card) => {
        const [text, file] = search.papers[card.id];
        return {
          card: card, verdict: verdictOf(card), rules: new Set(card.dataset.rules.split(" ")),
          text: text + "\n" + search.files[file],
        };
      });
    }
    return entries;
  }

  function verdictOf(card) {
    return card.closest(".group").dataset.verdict;
  }

  // The verdict filter shows or hides whole groups; rule and search filters go card by card.
  // Passing papers sit in a folded list: their cards are shown or hidden when it opens, not on
  // every filter change (thousands of attribute changes would make the filter slow).
  function apply() {
    const shown = { fail: 0, warn: 0, pass: 0 };
    const needle = state.q.toLowerCase();
    const filtering = state.rule !== "" || needle !== "";
    if (filtering || entries) {
      matches = index().map((entry) => {
        const ok = (!state.rule || entry.rules.has(state.rule)) && (!needle || entry.text.includes(needle));
        if (ok) shown[entry.verdict] += 1;
        return ok;
      });
    }
    let total = 0;
    for (const group of groups) {
      const label = group.querySelector(".group-count");
      const all = Number(label.dataset.total);
      const count = filtering ? shown[group.dataset.verdict] : all;
      const hidden = (state.verdict !== "" && state.verdict !== group.dataset.verdict) || (filtering && count === 0);
      if (group.hidden !== hidden) group.hidden = hidden;
      if (!hidden) total += count;
      label.textContent = "(" + (count === all ? all : count + " of " + all) + ")";
    }
    $("match-count").textContent = total + " of " + cards.length + " papers";
    // Passing papers open when asked for: by verdict, or when a rule or search picks out a few of them
    // (laying out thousands of rows at once would make the filter slow); they fold again after.
    const passing = $("pass-list");
    if (passing && (state.verdict === "pass" || (filtering && shown.pass > 0 && shown.pass <= PASSING_OPENED))) {
      passing.open = true;
      openedByFilter = true;
    } else if (passing && openedByFilter) {
      passing.open = false;
      openedByFilter = false;
    }
    showMatches(!passing || passing.open);
  }

  function showMatches(passingToo) {
    if (!matches) return;
    index().forEach((entry, i) => {
      if (entry.verdict === "pass" && !passingToo) return;
      if (entry.card.hidden === matches[i]) entry.card.hidden = !matches[i];
    });
  }

  function stateHash() {
    const params = new URLSearchParams();
    for (const key of ["verdict", "rule", "q"]) if (state[key]) params.set(key, state[key]);
    return params.toString();
  }

  function setState(next, fromHash) {
    state.verdict = next.verdict || "";
    state.rule = next.rule || "";
    state.q = (next.q || "").trim();
    $("filter-verdict").value = state.verdict;
    $("filter-rule").value = state.rule;
    if ($("search").value.trim() !== state.q) $("search").value = state.q;
    apply();
    if (!fromHash) {
      // After the filtered page has painted: replacing the URL takes a while on a large page.
      clearTimeout(urlUpdate);
      urlUpdate = setTimeout(() => history.replaceState(null, "", "#" + stateHash()), 200);
    }
  }

  function fromControls() {
    setState({ verdict: $("filter-verdict").value, rule: $("filter-rule").value, q: $("search").value });
  }

  // "#verdict=fail&rule=x&q=text" is filter state (clickable counts link to it); "#p-3" a card.
  function readHash(initial) {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.includes("=")) {
      const params = new URLSearchParams(location.hash.slice(1));
      const verdict = params.get("verdict");
      setState({ verdict: verdict === "all" ? "" : verdict, rule: params.get("rule"), q: params.get("q") }, true);
      if (!initial) $("papers").scrollIntoView();
    } else if (/^p-\d+$/.test(hash)) {
      reveal(document.getElementById(hash));
    }
  }

  // A linked card shows even when the filters hide it; a passing card opens.
  function reveal(card) {
    if (!card) return;
    if (card.hidden) {
      card.hidden = false;
      card.closest(".group").hidden = false;
      card.classList.add("linked");
    }
    const list = card.closest("details");
    if (list) list.open = true;
    focusCard(card);
  }

  function focusCard(card) {
    if (current) current.classList.remove("current");
    current = card;
    card.classList.add("current");
    card.scrollIntoView({ block: "start" });
    card.tabIndex = -1;
    card.focus({ preventScroll: true });
  }

  // j / k: next / previous failing paper among those shown (papers with warnings when none fails).
  function step(direction) {
    const visible = cards.filter((card) => !card.hidden);
    let targets = visible.filter((card) => verdictOf(card) === "fail");
    if (!targets.length) targets = visible.filter((card) => verdictOf(card) === "warn");
    if (!targets.length) return;
    const at = targets.indexOf(current);
    const next = at < 0 ? (direction > 0 ? 0 : targets.length - 1) : Math.min(Math.max(at + direction, 0), targets.length - 1);
    focusCard(targets[next]);
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.matches("input[type=search], select, textarea")) return;
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      step(event.key === "j" ? 1 : -1);
    } else if (event.key === "/") {
      event.preventDefault();
      $("search").focus();
    } else if (event.key === "x" && current) {
      toggle(current.querySelector("button.to-fix"));
    }
  });

  // Decisions: accepted findings become a --baseline file (the format --write-baseline writes),
  // papers to fix a list to regenerate. Kept in localStorage so a reload keeps them.
  function accepted() {
    return Array.from(document.querySelectorAll("button.accept[aria-pressed=true]"), (box) => {
      const item = box.closest("li");
      return {
        paper: item.closest(".card").dataset.key,
        rule: item.dataset.rule,
        hash: item.dataset.hash,
        message: item.querySelector(".msg").textContent,
      };
    });
  }

  function toFix() {
    return Array.from(document.querySelectorAll("button.to-fix[aria-pressed=true]"), (box) => {
      const card = box.closest(".card");
      return {
        file: card.querySelector(".file").textContent,
        line: Number(card.dataset.line),
        title: card.querySelector(".t").textContent,
        arxiv_id: card.dataset.arxiv || null,
      };
    });
  }

  function byCodePoints(a, b) {
    for (const key of ["paper", "rule", "hash", "message"]) {
      const x = Array.from(a[key]);
      const y = Array.from(b[key]);
      for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
        const diff = x[i].codePointAt(0) - y[i].codePointAt(0);
        if (diff) return diff;
      }
      if (x.length !== y.length) return x.length - y.length;
    }
    return 0;
  }

  function baseline() {
    const doc = { version: 1, tool: "summary-lint", findings: accepted().sort(byCodePoints) };
    return JSON.stringify(doc, null, 2) + "\n";
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // Decisions are toggle buttons, not checkboxes: the browser saves every form control's state in
  // the history entry, and thousands of them made each change of the URL slow.
  function toggle(button, on) {
    const pressed = on === undefined ? button.getAttribute("aria-pressed") !== "true" : on;
    button.setAttribute("aria-pressed", String(pressed));
    const accept = button.classList.contains("accept");
    (accept ? button.closest("li") : button.closest(".card")).classList.toggle(accept ? "accepted" : "to-fix", pressed);
  }

  function decided() {
    const ids = {
      accept: Array.from(document.querySelectorAll("button.accept[aria-pressed=true]"), (b) => b.closest("li").id),
      fix: Array.from(document.querySelectorAll("button.to-fix[aria-pressed=true]"), (b) => b.closest(".card").id),
    };
    $("decision-count").textContent = ids.accept.length + " finding" + (ids.accept.length === 1 ? "" : "s") +
      " accepted · " + ids.fix.length + " paper" + (ids.fix.length === 1 ? "" : "s") + " to fix";
    try { localStorage.setItem(STORE, JSON.stringify(ids)); } catch (e) { /* storage may be off */ }
  }

  // Reapply the decisions saved before a reload.
  function restore() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { return; }
    if (!saved) return;
    for (const [kind, ids] of [["accept", saved.accept || []], ["to-fix", saved.fix || []]]) {
      for (const id of ids) {
        const holder = document.getElementById(id);
        const button = holder ? holder.querySelector("button." + kind) : null;
        if (button) toggle(button, true);
      }
    }
    decided();
  }

  $("filters").addEventListener("submit", (event) => event.preventDefault());
  const passList = $("pass-list");
  if (passList) passList.addEventListener("toggle", () => passList.open && showMatches(true));
  $("filter-verdict").addEventListener("change", fromControls);
  $("filter-rule").addEventListener("change", fromControls);
  let typing = null;
  $("search").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(fromControls, 150);
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.decide");
    if (button) {
      toggle(button);
      decided();
    }
  });
  $("export-baseline").addEventListener("click", () =>
    download("summary-lint-baseline.json", "application/json", baseline()));
  $("export-fix-json").addEventListener("click", () =>
    download("papers-to-fix.json", "application/json",
      JSON.stringify({ version: 1, tool: "summary-lint", papers: toFix() }, null, 2) + "\n"));
  $("export-fix-text").addEventListener("click", () =>
    download("papers-to-fix.txt", "text/plain",
      toFix().map((p) => p.file + ":" + p.line + "\t" + (p.arxiv_id || "") + "\t" + p.title + "\n").join("")));
  window.addEventListener("hashchange", () => readHash(false));
  restore();
  readHash(true);
})();
