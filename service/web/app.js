// Newsdesk newsroom page: ask, summaries, the reader and the article list, over the same-origin API.
// Article text is only ever inserted as text nodes, so citation offsets map one to one onto what is
// shown and an uploaded article cannot inject markup.
"use strict";

(() => {
  const MAX_HISTORY_TURNS = 20;
  const MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ];
  const STATUS_LABELS = {
    0: "Network problem",
    400: "Bad request",
    401: "Not authorized",
    403: "Not allowed",
    404: "Not found",
    409: "Already there",
    413: "Too long",
    422: "Please check the input",
    429: "Newsdesk is busy",
    500: "Newsdesk failed",
    503: "Newsdesk is unavailable",
  };
  const REFUSAL_REASONS = {
    "evidence gate": "no passage of the articles is close enough to the question",
    "model declined": "the model found no answer in the passages it was given",
  };
  const UNSUPPORTED_NOTE = "Newsdesk could not find a passage that states this.";
  const KEY_STORE = "newsdesk-api-key";
  const MARKER = /\[(\d+)\]|\[unsupported\]/g;

  const state = {
    articles: new Map(), // id -> article summary from GET /v1/articles
    details: new Map(), // id -> promise of the article detail (with text)
    history: [], // earlier {role, content} turns, oldest first
    asking: null, // AbortController of the answer being streamed
    readerId: null,
    openTip: null,
  };
  let uid = 0;

  // ---------------------------------------------------------------- small helpers

  const $ = (selector, root = document) => root.querySelector(selector);

  /** An element with attributes and children (strings become text nodes, never markup). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const srOnly = (text) => el("span", { class: "sr-only" }, text);

  function formatDate(iso, precision) {
    if (!iso) return "";
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
    if (!m) return iso;
    const [, year, month, day] = m;
    if (precision === "year" || !month) return year;
    if (precision === "month" || !day) return `${MONTHS[Number(month) - 1]} ${year}`;
    return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
  }

  function articleDate(article) {
    return article ? formatDate(article.published, article.date_precision) : "";
  }

  /** "Outlet, 17 June 2025" for an article id, from the article list. */
  function outletAndDate(articleId) {
    const article = state.articles.get(articleId);
    if (!article) return "";
    return [article.outlet, articleDate(article)].filter(Boolean).join(", ");
  }

  function seconds(ms) {
    if (typeof ms !== "number" || !Number.isFinite(ms)) return null;
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
  }

  // ---------------------------------------------------------------- HTTP

  class ApiError extends Error {
    constructor(status, detail, body = null, retryAfter = null, inStream = false) {
      super(detail);
      this.status = status;
      this.detail = detail;
      this.body = body;
      this.retryAfter = retryAfter;
      this.inStream = inStream;
    }
  }

  async function errorFrom(response) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    let detail = body && body.detail;
    if (detail && typeof detail !== "string") detail = JSON.stringify(detail);
    if (!detail && body && body.error) detail = body.error.message;
    if (!detail) detail = response.statusText || "the request failed";
    return new ApiError(response.status, detail, body, response.headers.get("Retry-After"));
  }

  function apiKey() {
    try {
      return sessionStorage.getItem(KEY_STORE) || "";
    } catch {
      return ""; // storage disabled: the page works without keys
    }
  }

  async function request(method, path, body, signal, accept = "application/json") {
    const init = { method, signal, headers: { accept } };
    const key = apiKey();
    if (key) init.headers.authorization = `Bearer ${key}`;
    if (body !== undefined) {
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (err) {
      if (err.name === "AbortError") throw err;
      throw new ApiError(0, `could not reach Newsdesk (${err.message})`);
    }
    if (!response.ok) {
      const err = await errorFrom(response);
      if (err.status === 401) $("#access").open = true; // where the key goes
      throw err;
    }
    return response;
  }

  async function api(method, path, body) {
    const response = await request(method, path, body);
    return response.status === 204 ? null : response.json();
  }

  /** A readable sentence for any failure: what happened, the service's own detail, what to do. */
  function describeError(err) {
    if (!(err instanceof ApiError)) return `Something went wrong: ${err && err.message ? err.message : err}`;
    const label = STATUS_LABELS[err.status] || `Error ${err.status}`;
    const code = err.status ? ` (${err.status})` : "";
    const where = err.inStream ? " while answering" : "";
    let text = `${label}${code}${where}: ${err.detail}`;
    if (!/[.!?]$/.test(text)) text += ".";
    if (err.retryAfter) text += ` Try again in ${err.retryAfter} s.`;
    if (err.status === 401) text += " Enter a key under “API key” at the top of the page.";
    return text;
  }

  function errorBox(err, testid = "error") {
    return el("p", { class: "error", role: "alert", "data-testid": testid }, describeError(err));
  }

  /** Server-Sent Events read from a fetch body: yields {event, data}. */
  async function* sseEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const parse = (block) => {
      let event = "message";
      const data = [];
      for (const raw of block.split("\n")) {
        const line = raw.replace(/\r$/, "");
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      return data.length ? { event, data: JSON.parse(data.join("\n")) } : null;
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
        let cut;
        while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
          const parsed = parse(block);
          if (parsed) yield parsed;
        }
        if (done) break;
      }
      if (buffer.trim()) {
        const parsed = parse(buffer);
        if (parsed) yield parsed;
      }
    } finally {
      reader.cancel().catch(() => {}); // a reader that stops early closes the connection
    }
  }

  // ---------------------------------------------------------------- tooltips

  function placeTip(anchor, tip) {
    tip.hidden = false;
    const rect = anchor.getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    let top = rect.bottom + 6;
    if (top + height > window.innerHeight - 8) top = Math.max(8, rect.top - height - 6);
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  }

  function showTip(anchor, tip) {
    if (state.openTip && state.openTip.tip !== tip) state.openTip.tip.hidden = true;
    state.openTip = { anchor, tip };
    placeTip(anchor, tip);
  }

  function hideTip(tip) {
    tip.hidden = true;
    if (state.openTip && state.openTip.tip === tip) state.openTip = null;
  }

  /** A tooltip is placed against the viewport: follow its anchor when the page scrolls. */
  function followTip() {
    if (!state.openTip) return;
    const { anchor, tip } = state.openTip;
    const rect = anchor.getBoundingClientRect();
    if (!anchor.isConnected || rect.bottom < 0 || rect.top > window.innerHeight) hideTip(tip);
    else placeTip(anchor, tip);
  }

  /** ``anchor`` described by a tooltip shown on hover and on focus, dismissed by Escape. */
  function withTip(anchor, tip) {
    tip.id = `tip-${++uid}`;
    tip.setAttribute("role", "tooltip");
    tip.classList.add("tip");
    tip.hidden = true;
    anchor.setAttribute("aria-describedby", tip.id);
    const show = () => showTip(anchor, tip);
    const hide = () => hideTip(tip);
    anchor.addEventListener("mouseenter", show);
    anchor.addEventListener("focus", show);
    anchor.addEventListener("mouseleave", () => {
      if (document.activeElement !== anchor) hide();
    });
    anchor.addEventListener("blur", hide);
    return el("span", { class: "with-tip" }, anchor, tip);
  }

  // ---------------------------------------------------------------- citations

  function sourceLine(citation) {
    const article = state.articles.get(citation.article_id);
    const title = (article && article.title) || citation.title;
    const rest = outletAndDate(citation.article_id);
    return rest ? `${title} — ${rest}` : title;
  }

  function quotePreview(quote) {
    const flat = quote.replace(/\s+/g, " ").trim();
    return flat.length > 320 ? `${flat.slice(0, 317)}…` : flat;
  }

  /** A citation chip: a button that opens the reader at the cited span; its tooltip shows the quote. */
  function chip(citation) {
    const button = el(
      "button",
      {
        type: "button",
        class: "chip",
        "data-testid": "citation",
        "data-article-id": citation.article_id,
        "data-start": citation.start,
        "data-end": citation.end,
        "data-n": citation.n,
        "aria-label": `Source ${citation.n}`,
      },
      String(citation.n),
    );
    const source = el("span", { class: "tip-source" }, sourceLine(citation));
    const tip = el("span", {}, el("span", { class: "tip-quote" }, `“${quotePreview(citation.quote)}”`), source);
    // The article list may have loaded (or changed) since the chip was made.
    button.addEventListener("mouseenter", () => { source.textContent = sourceLine(citation); }, true);
    button.addEventListener("focus", () => { source.textContent = sourceLine(citation); }, true);
    button.addEventListener("click", () => {
      hideTip(tip);
      openReader(citation.article_id, citation, button);
    });
    return withTip(button, tip);
  }

  function unsupportedFlag() {
    const button = el("button", { type: "button", class: "unsupported-flag" }, "not verified");
    const tip = el("span", {}, UNSUPPORTED_NOTE);
    button.addEventListener("click", () => (tip.hidden ? showTip(button, tip) : hideTip(tip)));
    return withTip(button, tip);
  }

  /** ``text`` with ``[n]`` markers as chips and ``[unsupported]`` as a flag: [nodes, unsupported?]. */
  function marked(text, citations) {
    const nodes = [];
    let last = 0;
    let unsupported = false;
    for (const m of text.matchAll(MARKER)) {
      const citation = m[1] !== undefined ? citations.get(Number(m[1])) : null;
      if (m[1] !== undefined && !citation) continue; // a bracketed number that is not a marker
      if (m.index > last) nodes.push(document.createTextNode(text.slice(last, m.index)));
      if (citation) {
        nodes.push(chip(citation));
      } else {
        unsupported = true;
        nodes.push(unsupportedFlag());
      }
      last = m.index + m[0].length;
    }
    if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
    return [nodes, unsupported];
  }

  function citationMap(...lists) {
    const map = new Map();
    for (const list of lists) for (const c of list || []) map.set(c.n, c);
    return map;
  }

  function sentenceNode(text, citations) {
    const [nodes, unsupported] = marked(text, citations);
    return el(
      "span",
      { class: unsupported ? "sentence unsupported" : "sentence", "data-testid": "answer-sentence" },
      nodes,
    );
  }

  function conflictCard(conflict) {
    const figures = conflict.figures.map((figure) => {
      const c = figure.citation;
      const article = state.articles.get(c.article_id);
      const outlet = (article && article.outlet) || (article && article.title) || c.title;
      return el(
        "li",
        { class: "figure" },
        el("span", { class: "value" }, figure.value),
        el("span", { class: "source" }, outlet),
        el("span", { class: "source" }, articleDate(article) || "date unknown"),
        chip(c),
      );
    });
    const heading = `conflict-${++uid}`;
    return el(
      "div",
      { class: "conflict", "data-testid": "conflict", role: "group", "aria-labelledby": heading },
      el("h3", { id: heading }, `The sources differ: ${conflict.topic}`),
      el("ul", { class: "figures" }, figures),
    );
  }

  function articleLink(articleId, title) {
    const link = el("a", { href: "#reader", "data-article-id": articleId }, title);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      openReader(articleId, null, link);
    });
    return link;
  }

  function refusalBox(text, reason) {
    const why = REFUSAL_REASONS[reason] || reason;
    return el(
      "div",
      { class: "refusal", "data-testid": "refusal" },
      el("p", {}, text),
      why ? el("p", { class: "reason" }, `Why: ${why}.`) : null,
    );
  }

  function nearestList(nearest) {
    if (!nearest || !nearest.length) return null;
    return el(
      "div",
      { class: "nearest" },
      el("p", {}, "The nearest articles:"),
      el("ul", {}, nearest.map((a) => el("li", {}, articleLink(a.article_id, a.title)))),
    );
  }

  // ---------------------------------------------------------------- asking

  function mark(name) {
    try {
      performance.mark(name);
    } catch {
      /* marks are a measurement aid only */
    }
  }

  function setAsking(controller) {
    state.asking = controller;
    $("#send").disabled = Boolean(controller);
    $("#stop").hidden = !controller;
  }

  function newTurn(question) {
    $("#conversation-empty")?.remove();
    const answerText = el("p", { class: "answer-text" });
    const pending = el("p", { class: "pending" }, "Searching the articles…");
    const answer = el("div", { class: "answer" }, srOnly("Newsdesk: "), answerText, pending);
    const turn = el(
      "div",
      { class: "turn", "data-testid": "turn", "data-status": "streaming" },
      el("p", { class: "asked" }, srOnly("You asked: "), question),
      answer,
    );
    $("#conversation").append(turn);
    turn.scrollIntoView({ block: "nearest" });
    return { turn, answer, answerText, pending };
  }

  /** Append to the conversation, keeping it scrolled to the end if it was there. */
  function follow(append) {
    const log = $("#conversation");
    const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    append();
    if (atEnd) log.scrollTop = log.scrollHeight;
  }

  async function ask(question) {
    const view = newTurn(question);
    const controller = new AbortController();
    setAsking(controller);
    const history = state.history.slice(-MAX_HISTORY_TURNS);
    const sent = performance.now();
    performance.clearMarks("newsdesk:ask-send");
    performance.clearMarks("newsdesk:ask-first-sentence");
    performance.clearMarks("newsdesk:ask-done");
    mark("newsdesk:ask-send");
    let first = false;
    const shown = () => {
      if (first) return;
      first = true;
      view.pending.remove();
      view.turn.dataset.clientFirstMs = String(Math.round(performance.now() - sent));
      mark("newsdesk:ask-first-sentence");
    };
    let refusal = null;
    let cards = false;
    let streamed = ""; // the sentence texts shown so far: joined, they are the answer
    try {
      const asked = { question, history, stream: true };
      const response = await request("POST", "/v1/ask", asked, controller.signal, "text/event-stream");
      let done = null;
      for await (const { event, data } of sseEvents(response)) {
        if (event === "sentence") {
          follow(() => view.answerText.append(sentenceNode(data.text, citationMap(data.citations))));
          streamed += data.text;
          shown();
        } else if (event === "conflicts") {
          if (data.text) view.answerText.append(sentenceNode(data.text, citationMap(data.citations)));
          streamed += data.text || "";
          for (const conflict of data.conflicts) view.answer.append(conflictCard(conflict));
          cards = true;
          shown();
        } else if (event === "refusal") {
          refusal = refusalBox(data.text, data.reason);
          view.answer.append(refusal);
          shown();
        } else if (event === "error") {
          throw new ApiError(data.status || 0, data.message || "the answer failed", null, null, true);
        } else if (event === "done") {
          done = data;
        }
      }
      if (!done) throw new ApiError(0, "the answer stream ended before the answer was complete", null, null, true);
      finishAnswer(view, done, refusal, cards, streamed);
      view.turn.dataset.clientTotalMs = String(Math.round(performance.now() - sent));
      mark("newsdesk:ask-done");
      view.turn.dataset.status = "done";
      state.history.push({ role: "user", content: question }, { role: "assistant", content: done.answer });
    } catch (err) {
      view.pending.remove();
      if (err.name === "AbortError") {
        view.answer.append(el("p", { class: "pending" }, "Stopped."));
        view.turn.dataset.status = "stopped";
      } else {
        view.answer.append(errorBox(err, "ask-error"));
        view.turn.dataset.status = "failed";
      }
    } finally {
      setAsking(null);
    }
  }

  function finishAnswer(view, done, refusal, cards, streamed) {
    view.pending.remove();
    if (done.refused) {
      if (!refusal) {
        refusal = refusalBox(done.answer, done.refusal_reason);
        view.answer.append(refusal);
      }
      const nearest = nearestList(done.nearest_articles);
      if (nearest) refusal.append(nearest);
    } else if (done.answer.length > streamed.length) {
      // The final answer is authoritative: show whatever of it the sentence events did not carry.
      const rest = done.answer.startsWith(streamed) ? done.answer.slice(streamed.length) : done.answer;
      if (rest.length < done.answer.length || !streamed) {
        view.answerText.append(sentenceNode(rest, citationMap(done.citations)));
      }
    }
    if (!cards) for (const conflict of done.conflicts || []) view.answer.append(conflictCard(conflict));
    const t = done.timings || {};
    const parts = [];
    if (!done.refused && seconds(t.first_sentence_ms)) parts.push(`first sentence ${seconds(t.first_sentence_ms)}`);
    if (seconds(t.total_ms)) parts.push(`total ${seconds(t.total_ms)}`);
    if (parts.length) view.answer.append(el("p", { class: "timings", "data-testid": "timings" }, parts.join(" · ")));
  }

  function onAskSubmit(event) {
    event.preventDefault();
    const box = $("#question");
    const problem = $("#ask-error");
    const question = box.value.trim();
    if (!question) {
      problem.textContent = "Type a question first.";
      problem.hidden = false;
      box.focus();
      return;
    }
    problem.hidden = true;
    if (state.asking) return;
    box.value = "";
    ask(question);
  }

  function newConversation() {
    if (state.asking) state.asking.abort();
    state.history = [];
    $("#conversation").replaceChildren(
      el("p", { class: "empty-note", id: "conversation-empty" }, "A new conversation: earlier questions are forgotten."),
    );
    $("#question").focus();
  }

  // ---------------------------------------------------------------- reader

  function getArticle(articleId) {
    if (!state.details.has(articleId)) {
      const loading = api("GET", `/v1/articles/${encodeURIComponent(articleId)}`);
      loading.catch(() => state.details.delete(articleId));
      state.details.set(articleId, loading);
    }
    return state.details.get(articleId);
  }

  function metaLine(article) {
    const parts = [article.outlet, articleDate(article)];
    if (typeof article.n_chunks === "number") parts.push(`${article.n_chunks} ${article.n_chunks === 1 ? "chunk" : "chunks"}`);
    if (article.origin === "upload") parts.push("added here");
    return parts.filter(Boolean).join(" · ");
  }

  async function openReader(articleId, span, opener) {
    const body = $("#reader-body");
    let article;
    try {
      article = await getArticle(articleId);
    } catch (err) {
      body.replaceChildren(errorBox(err));
      $("#reader-heading").focus();
      return;
    }
    const text = el("div", { class: "article-text", "data-testid": "reader-text" });
    let highlight = null;
    const valid = span && span.start >= 0 && span.end <= article.text.length && span.start < span.end;
    if (valid) {
      const where = { "data-article-id": article.id, "data-start": span.start, "data-end": span.end };
      highlight = el("mark", { "data-testid": "highlight", tabindex: "-1", ...where }, article.text.slice(span.start, span.end));
      text.append(article.text.slice(0, span.start), highlight, article.text.slice(span.end));
    } else {
      text.append(article.text);
    }
    const actions = el("div", { class: "reader-actions" });
    actions.append(summaryButton(article, "bullets", "Bullet summary"), summaryButton(article, "brief", "Brief"));
    if (opener && opener.isConnected) {
      const back = el("button", { type: "button", class: "quiet" }, "Back to where I was");
      back.addEventListener("click", () => opener.focus());
      actions.append(back);
    }
    body.replaceChildren(
      el(
        "div",
        { class: "reader-head" },
        el("h3", { class: "reader-title", id: "reader-title" }, article.title),
        el("p", { class: "reader-meta" }, metaLine(article)),
        actions,
      ),
      text,
    );
    $("#reader").setAttribute("aria-label", `Reader: ${article.title}`);
    state.readerId = articleId;
    markCurrentRow();
    if (highlight) {
      scrollToHighlight(highlight);
      highlight.focus({ preventScroll: true });
    } else {
      $("#reader").scrollTop = 0;
      $("#reader").scrollIntoView({ block: "start" });
      $("#reader-heading").focus({ preventScroll: true });
    }
  }

  /** Centre the highlight in what is visible of the reader: the reader scrolls on its own on wide
   * screens (the page moves only if too little of the reader is on screen), the page on narrow ones. */
  function scrollToHighlight(highlight) {
    const reader = $("#reader");
    const own = getComputedStyle(reader).overflowY !== "visible" && reader.scrollHeight > reader.clientHeight;
    if (!own) {
      highlight.scrollIntoView({ block: "center" });
      return;
    }
    const visible = () => {
      const box = reader.getBoundingClientRect();
      const head = $(".reader-head", reader).getBoundingClientRect();
      return { top: Math.max(box.top, head.bottom, 0), bottom: Math.min(box.bottom, window.innerHeight) };
    };
    let view = visible();
    if (view.bottom - view.top < 200) {
      reader.scrollIntoView({ block: "nearest" });
      view = visible();
    }
    const at = highlight.getBoundingClientRect();
    const room = view.bottom - view.top;
    const target = at.height < room ? view.top + (room - at.height) / 2 : view.top + 8;
    reader.scrollTop += at.top - target;
  }

  function closeReader() {
    state.readerId = null;
    $("#reader").removeAttribute("aria-label");
    $("#reader-body").replaceChildren(el("p", { class: "empty-note" }, "The article you were reading was deleted."));
    markCurrentRow();
  }

  // ---------------------------------------------------------------- summaries

  function summaryButton(article, style, label) {
    const button = el("button", { type: "button", class: "quiet" }, label, srOnly(` of “${article.title}”`));
    button.addEventListener("click", () =>
      summarize({ article_ids: [article.id], style }, `${label} of “${article.title}”`),
    );
    return button;
  }

  const TIMELINE_LINE = /^-\s+(\d{4}(?:-\d{2}){0,2})\s+[—–-]\s+(.*)$/;

  function summaryBody(data, style) {
    const citations = citationMap(data.citations, ...(data.conflicts || []).map((c) => c.figures.map((f) => f.citation)));
    const body = el("div", { class: "summary-body", "data-testid": "summary" });
    const lines = (data.summary || "").split("\n");
    let list = null;
    const line = (tag, text, extra = []) => {
      const [nodes, unsupported] = marked(text, citations);
      return el(tag, unsupported ? { class: "unsupported" } : {}, extra, nodes);
    };
    for (const raw of lines) {
      const text = raw.trimEnd();
      if (!text.trim()) {
        list = null;
        continue;
      }
      const dated = style === "timeline" ? TIMELINE_LINE.exec(text) : null;
      if (dated) {
        if (!list || list.tagName !== "OL") body.append((list = el("ol", { class: "timeline" })));
        const when = el("time", { datetime: dated[1] }, formatDate(dated[1]));
        list.append(line("li", dated[2], [when]));
      } else if (text.startsWith("- ") && style !== "timeline") {
        if (!list || list.tagName !== "UL") body.append((list = el("ul")));
        list.append(line("li", text.slice(2)));
      } else {
        list = null;
        body.append(line("p", text.replace(/^- /, "")));
      }
    }
    return body;
  }

  function renderSummary(card, data, request) {
    if (data.refused) {
      card.append(refusalBox(data.summary, data.refusal_reason), nearestList(data.nearest_articles) || "");
    } else {
      card.append(summaryBody(data, request.style));
      for (const conflict of data.conflicts || []) card.append(conflictCard(conflict));
    }
    const notes = [];
    if (data.cached) notes.push("cached");
    const total = data.timings && seconds(data.timings.total_ms);
    if (total) notes.push(`total ${total}`);
    const dropped = (data.unsupported || []).length;
    if (dropped) notes.push(`${dropped} ${dropped === 1 ? "line" : "lines"} the articles do not support left out`);
    if (notes.length) card.append(el("p", { class: "timings", "data-testid": "summary-notes" }, notes.join(" · ")));
  }

  async function summarize(body, label) {
    const heading = el("h3", { tabindex: "-1" }, label);
    const pending = el("p", { class: "pending" }, "Summarizing… on the local model this can take a minute.");
    const card = el("div", { class: "summary-card", "data-testid": "summary-card", "data-status": "loading" }, heading, pending);
    $("#summary-region").replaceChildren(card);
    heading.scrollIntoView({ block: "nearest" });
    heading.focus({ preventScroll: true });
    $("#summarize").disabled = true;
    try {
      const data = await api("POST", "/v1/summaries", body);
      pending.remove();
      renderSummary(card, data, body);
      card.dataset.status = "done";
    } catch (err) {
      pending.remove();
      card.append(errorBox(err, "summary-error"));
      card.dataset.status = "failed";
    } finally {
      $("#summarize").disabled = false;
    }
  }

  const STYLE_LABELS = { bullets: "Bullet summary", brief: "Brief", timeline: "Timeline" };

  function onSummarySubmit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const style = form.elements.style.value;
    const scope = form.elements.scope.value;
    const body = { style };
    let label = `${STYLE_LABELS[style]} of all articles`;
    if (scope === "topic") {
      const topic = form.elements.topic.value.trim();
      if (!topic) {
        $("#summary-region").replaceChildren(el("p", { class: "error", role: "alert" }, "Type a topic to summarize."));
        form.elements.topic.focus();
        return;
      }
      body.topic = topic;
      label = `${STYLE_LABELS[style]}: ${topic}`;
    } else if (scope === "article") {
      const id = form.elements.article.value;
      body.article_ids = [id];
      label = `${STYLE_LABELS[style]} of “${state.articles.get(id)?.title || id}”`;
    }
    summarize(body, label);
  }

  function onScopeChange() {
    const scope = $("#summary-form").elements.scope.value;
    $("#topic-field").hidden = scope !== "topic";
    $("#article-field").hidden = scope !== "article";
  }

  // ---------------------------------------------------------------- articles

  function markCurrentRow() {
    for (const row of document.querySelectorAll(".article-row")) {
      row.classList.toggle("current", row.dataset.articleId === state.readerId);
    }
  }

  function articleRow(article) {
    const open = el("button", { type: "button", class: "link open" }, article.title);
    open.addEventListener("click", () => openReader(article.id, null, open));
    const actions = el(
      "div",
      { class: "row-actions" },
      summaryButton(article, "bullets", "Bullets"),
      summaryButton(article, "brief", "Brief"),
    );
    if (article.deletable) {
      const remove = el("button", { type: "button", class: "danger" }, "Delete", srOnly(` “${article.title}”`));
      remove.addEventListener("click", () => deleteArticle(article));
      actions.append(remove);
    }
    const row = el(
      "li",
      { class: "article-row", "data-testid": "article-row", "data-article-id": article.id },
      open,
      el("p", { class: "meta" }, metaLine(article)),
      actions,
    );
    // The whole row opens the reader; its own buttons do what they say.
    row.addEventListener("click", (event) => {
      if (!event.target.closest("button, a")) openReader(article.id, null, open);
    });
    return row;
  }

  async function loadArticles() {
    const status = $("#articles-status");
    try {
      const data = await api("GET", "/v1/articles");
      state.articles = new Map(data.articles.map((a) => [a.id, a]));
      status.textContent = data.articles.length ? "" : "No articles yet: add one below.";
      status.classList.remove("error");
    } catch (err) {
      status.textContent = describeError(err);
      status.classList.add("error");
      return;
    }
    const articles = [...state.articles.values()];
    $("#article-list").replaceChildren(...articles.map(articleRow));
    const select = $("#summary-article");
    const chosen = select.value;
    select.replaceChildren(...articles.map((a) => el("option", { value: a.id }, a.title)));
    if (state.articles.has(chosen)) select.value = chosen;
    markCurrentRow();
  }

  async function deleteArticle(article) {
    const status = $("#articles-status");
    if (!window.confirm(`Delete “${article.title}”? Newsdesk will no longer cite it.`)) return;
    try {
      await api("DELETE", `/v1/articles/${encodeURIComponent(article.id)}`);
    } catch (err) {
      status.textContent = describeError(err);
      status.classList.add("error");
      return;
    }
    state.details.delete(article.id);
    if (state.readerId === article.id) closeReader();
    await loadArticles();
    status.textContent = `Deleted “${article.title}”.`;
    $("#articles-heading").setAttribute("tabindex", "-1");
    $("#articles-heading").focus();
  }

  async function onAddSubmit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const message = $("#add-message");
    const body = { title: form.elements.title.value, text: form.elements.text.value };
    for (const name of ["outlet", "published", "url"]) {
      const value = form.elements[name].value.trim();
      if (value) body[name] = value;
    }
    message.classList.remove("error");
    message.textContent = "Adding and indexing…";
    $("#add-submit").disabled = true;
    try {
      const article = await api("POST", "/v1/articles", body);
      form.reset();
      state.details.delete(article.id);
      await loadArticles();
      const chunks = typeof article.n_chunks === "number" ? ` (${article.n_chunks} ${article.n_chunks === 1 ? "chunk" : "chunks"} indexed)` : "";
      message.textContent = `Added “${article.title}”${chunks}.`;
      openReader(article.id, null, null);
    } catch (err) {
      message.textContent = describeError(err);
      message.classList.add("error");
      const existing = err.body && err.body.existing_id;
      if (existing) {
        message.append(" ", articleLink(existing, "Open the article already there"));
      }
    } finally {
      $("#add-submit").disabled = false;
    }
  }

  // ---------------------------------------------------------------- access

  function onKeySubmit(event) {
    event.preventDefault();
    const key = $("#api-key").value.trim();
    try {
      if (key) sessionStorage.setItem(KEY_STORE, key);
      else sessionStorage.removeItem(KEY_STORE);
    } catch {
      $("#key-status").textContent = "This browser does not let the page keep a key.";
      return;
    }
    $("#api-key").value = "";
    $("#key-status").textContent = key ? "Key in use for this tab." : "No key in use.";
    state.details.clear();
    loadArticles();
  }

  function forgetKey() {
    try {
      sessionStorage.removeItem(KEY_STORE);
    } catch {
      /* nothing was kept */
    }
    $("#api-key").value = "";
    $("#key-status").textContent = "Key forgotten.";
  }

  // ---------------------------------------------------------------- wiring

  function start() {
    $("#ask-form").addEventListener("submit", onAskSubmit);
    $("#question").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $("#ask-form").requestSubmit();
      }
    });
    $("#stop").addEventListener("click", () => {
      if (state.asking) state.asking.abort();
      $("#question").focus();
    });
    $("#new-conversation").addEventListener("click", newConversation);
    $("#summary-form").addEventListener("submit", onSummarySubmit);
    $("#summary-form").addEventListener("change", onScopeChange);
    $("#add-form").addEventListener("submit", onAddSubmit);
    $("#refresh-articles").addEventListener("click", loadArticles);
    $("#key-form").addEventListener("submit", onKeySubmit);
    $("#forget-key").addEventListener("click", forgetKey);
    if (apiKey()) $("#key-status").textContent = "Key in use for this tab.";
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && state.openTip) hideTip(state.openTip.tip);
    });
    window.addEventListener("scroll", followTip, true);
    window.addEventListener("resize", followTip);
    onScopeChange();
    loadArticles();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
