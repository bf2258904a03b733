// unspin serve: the article page's highlights explain themselves on hover and keyboard
// focus; n/p move between them; a selection fills the "missed finding" form.
// No HTML is built from strings here: explanations are copies of elements the server
// rendered (and escaped), and text goes in through textContent only.
"use strict";

(function () {
  const text = document.getElementById("article-text");
  const tip = document.getElementById("tip");
  const explained = document.getElementById("explained");

  function explain(piece) {
    const ids = (piece.dataset.f || "").split(" ").filter(Boolean).slice(0, 5);
    if (!ids.length || !tip || !explained) return;
    tip.replaceChildren();
    for (const id of ids) {
      const desc = document.getElementById("d-" + id);
      if (desc && explained.contains(desc)) {
        const copy = desc.cloneNode(true);
        copy.removeAttribute("id");
        tip.appendChild(copy);
      }
    }
    if (!tip.childElementCount) return;
    tip.hidden = false;
    const box = piece.getBoundingClientRect();
    const width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    let left = window.scrollX + box.left;
    left = Math.max(8, Math.min(left, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";  // CSSOM, not an inline style attribute: CSP allows it
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    piece.setAttribute("aria-describedby", "tip");
  }

  function hide() {
    if (!tip) return;
    tip.hidden = true;
    for (const el of document.querySelectorAll("[aria-describedby=tip]")) {
      el.removeAttribute("aria-describedby");
    }
  }

  function stops() {
    return Array.from(text.querySelectorAll(".hl[tabindex]")).filter(
      (el) => el.offsetParent !== null);
  }

  function move(step) {
    const all = stops();
    if (!all.length) return;
    const at = all.indexOf(document.activeElement);
    const next = at < 0 ? (step > 0 ? 0 : all.length - 1) : (at + step + all.length) % all.length;
    all[next].focus();
    all[next].scrollIntoView({ block: "nearest" });
  }

  function openItem(id) {
    const item = document.getElementById("item-" + id);
    if (!item) return false;
    const panel = item.closest("details");
    if (panel) panel.open = true;
    item.scrollIntoView({ block: "center" });
    const link = item.querySelector("a.said");
    if (link) link.focus();
    return true;
  }

  function goTo(id) {
    const anchor = document.getElementById("f-" + id);
    if (!anchor) return;
    let piece = anchor.nextElementSibling;
    while (piece && piece.classList.contains("anchor")) piece = piece.nextElementSibling;
    for (const old of text.querySelectorAll(".is-target")) old.classList.remove("is-target");
    if (piece && piece.classList.contains("hl")) {
      piece.classList.add("is-target");
      if (!piece.hasAttribute("tabindex")) piece.setAttribute("tabindex", "-1");
      piece.focus();
      piece.scrollIntoView({ block: "center" });
    }
  }

  // The offset of a point in the text, in Python characters (code points), from the
  // data-s of the piece holding it.
  function offsetOf(node, offset) {
    const piece = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!piece || !piece.dataset || piece.dataset.s === undefined) return null;
    const before = node.nodeType === Node.TEXT_NODE ? node.data.slice(0, offset) : "";
    return Number(piece.dataset.s) + Array.from(before).length;
  }

  function fillMissed() {
    const selection = window.getSelection();
    const words = document.getElementById("missed-words");
    if (!selection || selection.isCollapsed || !words) return;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    words.value = selection.toString();
    document.getElementById("missed-start").value = String(start);
    document.getElementById("missed-end").value = String(end);
    const box = document.getElementById("add-missed");
    if (box) box.open = true;
  }

  if (text) {
    text.addEventListener("mouseover", (e) => {
      const piece = e.target.closest(".hl");
      if (piece) explain(piece);
    });
    text.addEventListener("mouseleave", hide);
    text.addEventListener("focusin", (e) => {
      const piece = e.target.closest(".hl");
      if (piece) explain(piece);
    });
    text.addEventListener("focusout", hide);
    text.addEventListener("keydown", (e) => {
      const piece = e.target.closest(".hl");
      if (e.key === "Enter" && piece) {
        const first = (piece.dataset.f || "").split(" ").find((id) => openItem(id));
        if (first) e.preventDefault();
      }
    });
    text.addEventListener("mouseup", fillMissed);
    text.addEventListener("click", (e) => {
      const piece = e.target.closest(".hl");
      if (piece && window.getSelection().isCollapsed) {
        (piece.dataset.f || "").split(" ").find((id) => openItem(id));
      }
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") { hide(); return; }
      const typing = e.target.closest("input, textarea, select, [contenteditable]");
      if (typing || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "n") { e.preventDefault(); move(1); }
      if (e.key === "p") { e.preventDefault(); move(-1); }
    });
    for (const link of document.querySelectorAll("a[data-goto]")) {
      link.addEventListener("click", (e) => { e.preventDefault(); goTo(link.dataset.goto); });
    }
    // Hidden layers take no keyboard focus; entities take it when they are shown.
    const entities = document.getElementById("show-entities");
    const sync = () => {
      for (const el of text.querySelectorAll(".hl.ent")) {
        const starts = el.previousElementSibling && el.previousElementSibling.classList.contains("anchor");
        if (entities.checked && starts && !el.hasAttribute("tabindex")) {
          el.setAttribute("tabindex", "0");
          el.dataset.added = "1";
        } else if (!entities.checked && el.dataset.added) {
          el.removeAttribute("tabindex");
          delete el.dataset.added;
        }
      }
    };
    if (entities) entities.addEventListener("change", sync);
    if (location.hash.startsWith("#f-")) goTo(location.hash.slice(3));
  }

  // The analyse form: say that it is working (an article takes seconds).
  const form = document.getElementById("analyse-form");
  if (form) {
    form.addEventListener("submit", () => {
      const wait = document.getElementById("analyse-wait");
      const button = document.getElementById("analyse-button");
      if (wait) wait.hidden = false;
      if (button) button.disabled = true;
    });
  }

  // Ingest jobs: follow each running job's progress as server-sent events.
  for (const job of document.querySelectorAll(".job[data-job]")) {
    if (job.dataset.state === "done" || job.dataset.state === "failed") continue;
    const events = new EventSource("/api/v1/jobs/" + encodeURIComponent(job.dataset.job) + "/events");
    const show = (e) => {
      const j = JSON.parse(e.data);
      job.querySelector(".state").textContent = j.state;
      const bar = job.querySelector("progress");
      bar.max = j.total || 1;
      bar.value = j.done;
      job.querySelector(".counts").textContent =
        "stored " + j.stored + ", skipped " + j.skipped + ", failed " + j.failed + " of " + j.total;
    };
    events.addEventListener("progress", show);
    events.addEventListener("end", (e) => { show(e); events.close(); });
    events.onerror = () => events.close();
  }
})();
