// The participants' page: joins with the room code and the team token, shows the team's own
// levers, sends a move and a forecast, and shows the reveal. Text from the server is only ever
// set with textContent, never as HTML, so no name or argument can inject script.
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const el = (id) => document.getElementById(id);
  let room = params.get("room") || sessionStorage.getItem("room") || "";
  let token = params.get("token") || sessionStorage.getItem("token") || "";
  let drafted = false;

  function setStatus(text, ok) {
    const s = el("status");
    s.textContent = text;
    s.className = ok ? "ok" : "error";
  }

  async function api(path, body) {
    const options = body === undefined ? {} : {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    };
    const response = await fetch(path, options);
    let data = {};
    try { data = await response.json(); } catch (e) { data = { error: "the room did not answer as expected" }; }
    if (!response.ok) throw new Error(data.error || ("error " + response.status));
    return data;
  }

  function leverRow(lever, value) {
    const row = document.createElement("div");
    const label = document.createElement("label");
    const id = "lever-" + lever.input.replace(/[^a-z0-9]/gi, "_");
    label.htmlFor = id;
    label.textContent = lever.label + " ";
    const shown = document.createElement("span");
    shown.className = "value";
    label.appendChild(shown);
    const input = document.createElement("input");
    input.type = "range";
    input.id = id;
    input.min = String(lever.min);
    input.max = String(Math.min(lever.max, 1e6));
    input.step = "0.01";
    input.value = String(value);
    input.dataset.input = lever.input;
    input.dataset.start = String(lever.value);
    const update = () => { shown.textContent = Number(input.value).toFixed(2) + " (now " + lever.value.toFixed(2) + ")"; };
    input.addEventListener("input", () => { drafted = true; update(); });
    update();
    row.appendChild(label);
    row.appendChild(input);
    return row;
  }

  function render(view) {
    el("join").hidden = true;
    el("play").hidden = false;
    el("team-name").textContent = view.team;
    el("team-box").style.borderLeftColor = /^#[0-9a-fA-F]{6}$/.test(view.colour) ? view.colour : "#888";
    el("budget").textContent = view.budget == null ? "" : "Your team may move " + view.budget.toFixed(2) + " in all per round.";
    const r = view.round;
    const open = r && r.phase === "open";
    el("round-title").textContent = r ? r.title : "Waiting for the facilitator to open a round";
    el("round-brief").textContent = r ? r.brief : "";
    el("move-form").hidden = !open;
    el("forecast-form").hidden = !open;
    if (r) {
      el("forecast-label").textContent = r.outcome + " (from " + r.min + " to " + r.max + ")";
      el("forecast").min = String(r.min);
      el("forecast").max = String(r.max);
    }
    if (!drafted) {
      const mine = view.mine;
      const chosen = {};
      if (mine) { for (const c of mine.changes) chosen[c.input] = c.value; }
      const levers = el("levers");
      levers.replaceChildren(...view.levers.map((l) => leverRow(l, chosen[l.input] ?? l.value)));
      if (mine) {
        el("argument").value = mine.argument;
        if (mine.forecast != null) el("forecast").value = String(mine.forecast);
      }
    }
    if (view.mine && view.mine.decision !== "pending") {
      const note = view.mine.note ? ": " + view.mine.note : "";
      setStatus("The facilitator " + view.mine.decision + " your move" + note, view.mine.decision !== "rejected");
    }
    const rv = view.reveal;
    el("reveal").hidden = !rv;
    if (rv) {
      el("reveal-text").textContent = rv.outcome + ": " + rv.before.toFixed(3) + " before the round, " + rv.after.toFixed(3) + " after it.";
      el("reveal-rows").replaceChildren(...rv.teams.map((t) => {
        const tr = document.createElement("tr");
        for (const text of [t.team, t.forecast == null ? "none" : t.forecast.toFixed(3), (t.contribution >= 0 ? "+" : "") + t.contribution.toFixed(3)]) {
          const td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        }
        return tr;
      }));
      drafted = false;
    }
  }

  async function refresh() {
    if (!room || !token) return;
    try {
      const view = await api("/api/state?room=" + encodeURIComponent(room) + "&token=" + encodeURIComponent(token));
      sessionStorage.setItem("room", room);
      sessionStorage.setItem("token", token);
      render(view);
    } catch (e) {
      el("join").hidden = false;
      el("play").hidden = true;
      setStatus(e.message, false);
    }
  }

  el("join-button").addEventListener("click", () => {
    room = el("room").value.trim();
    token = el("token").value.trim();
    refresh();
  });

  el("move-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const changes = [];
    for (const input of el("levers").querySelectorAll("input[type=range]")) {
      const value = Number(input.value);
      if (Math.abs(value - Number(input.dataset.start)) > 1e-9) changes.push({ input: input.dataset.input, value });
    }
    try {
      await api("/api/move", { room, token, changes, argument: el("argument").value });
      drafted = false;
      setStatus("Move sent: the facilitator will decide on it.", true);
      refresh();
    } catch (e) { setStatus(e.message, false); }
  });

  el("forecast-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api("/api/forecast", { room, token, value: Number(el("forecast").value) });
      setStatus("Forecast sent.", true);
    } catch (e) { setStatus(e.message, false); }
  });

  el("room").value = room;
  el("token").value = token;
  refresh();
  setInterval(refresh, 2000);
})();
