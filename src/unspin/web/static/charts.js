// unspin serve: outlet charts, drawn with plotly.js as the plotly Python package installs
// it (served by this server at /vendor/plotly.min.js; nothing from a CDN).
"use strict";

(function () {
  const layout = (title, y) => ({
    title: { text: title, font: { size: 15 } },
    margin: { t: 70, r: 10, b: 110, l: 55 },
    yaxis: { title: { text: y }, rangemode: "tozero" },
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff",
  });
  // No mode bar: its buttons are styled per chart from script, which the CSP forbids.
  const config = { displayModeBar: false, responsive: true };

  function rates(el, profiles) {
    const names = profiles.map((p) => p.outlet);
    const techniques = [...new Set(profiles.flatMap((p) => p.top_techniques.map((t) => t.technique)))];
    const traces = techniques.map((t) => ({
      type: "bar", name: t.replaceAll("_", " "), x: names,
      y: profiles.map((p) => (p.top_techniques.find((x) => x.technique === t) || { rate: 0 }).rate),
    }));
    Plotly.newPlot(el, traces, { ...layout("Techniques per 1,000 words, by outlet (top five each)",
      "spans per 1,000 words"), barmode: "stack" }, config);
  }

  function trend(el, profiles) {
    const traces = profiles.map((p) => {
      const periods = Object.keys(p.periods).filter((k) => k !== "undated").sort();
      return { type: "scatter", mode: "lines+markers", name: p.outlet, x: periods,
        y: periods.map((k) => p.periods[k].technique_rate) };
    }).filter((t) => t.x.length);
    const chart = layout("Techniques per 1,000 words, month by month", "spans per 1,000 words");
    chart.xaxis = { type: "category", categoryorder: "category ascending",
      title: { text: "month of publication" } };
    Plotly.newPlot(el, traces, chart, config);
  }

  for (const el of document.querySelectorAll(".chart[data-src]")) {
    fetch(el.dataset.src, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
      .then((page) => {
        if (typeof Plotly === "undefined") throw new Error("plotly.js did not load");
        (el.dataset.kind === "trend" ? trend : rates)(el, page.items);
        el.dataset.drawn = "1";
      })
      .catch((error) => {
        el.textContent = "The chart could not be drawn: " + error.message;
      });
  }
})();
