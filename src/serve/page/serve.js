/* The live page of `sidecast serve`: a slider and a field for every number of the scenario,
   grouped as the file groups them; each change runs the scenario again on this machine
   (GET /api/view) and redraws the fan, the targets' chances, the paired difference from the
   file's own values and the waterfall with the shared drawing module (Sidecast). While a
   slider is dragged the page redraws as fast as runs finish; a committed change (a released
   slider, a key press, a typed value) supersedes the run in progress, which the server
   cancels. Nothing leaves this machine; nothing is written unless "Save" is pressed. */
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("sidecast-serve").textContent);
  var root = document.getElementById("sc-serve");
  var $ = function (id) { return document.getElementById(id); };
  var client = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(8)), function (b) {
    return (b + 256).toString(16).slice(1);
  }).join("");
  var changed = {};
  var inFlight = null, pending = false, last = null;
  /* The field changed last (a refused value is shown beside it), and a note to keep on
     screen after the next redraw (what of the address could not run). */
  var lastField = null, notice = null;

  /* A value as the number field shows it: percentages as percent. */
  function shown(field, value) {
    var v = field.unit === "percent" ? value * 100 : value;
    return String(Number(v.toPrecision(10)));
  }
  function fromShown(field, text) {
    var v = Number(text);
    if (text.trim() === "" || !isFinite(v)) return null;
    v = field.unit === "percent" ? v / 100 : v;
    return Number(v.toPrecision(12));
  }
  var suffix = { percent: "%", dollars: "dollars", per_month: "/month", hours: "hours", months: "months", count: "", number: "" };

  function setText(field, value) {
    if (field.whole) return String(Math.round(value));
    return String(Number(value.toPrecision(12)));
  }

  function sets() {
    return data.fields.filter(function (f) { return f.key in changed; }).map(function (f) {
      return f.key + "=" + setText(f, changed[f.key]);
    });
  }

  /* Builds one fieldset per table of the file, in the file's order. */
  function build() {
    var form = $("sc-groups");
    var groups = {};
    data.fields.forEach(function (field, i) {
      var group = groups[field.group];
      if (!group) {
        group = groups[field.group] = document.createElement("fieldset");
        var legend = document.createElement("legend");
        legend.textContent = field.group ? "[" + field.group + "]" : "The scenario";
        group.appendChild(legend);
        form.appendChild(group);
      }
      var row = document.createElement("div");
      row.className = "sc-field";
      var id = "sc-f" + i;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = field.label;
      var number = document.createElement("input");
      number.type = "number";
      number.id = id;
      number.step = "any";
      number.inputMode = "decimal";
      number.value = shown(field, field.value);
      number.dataset.key = field.key;
      var unit = document.createElement("span");
      unit.className = "sc-unit";
      unit.textContent = suffix[field.unit] || "";
      unit.setAttribute("aria-hidden", "true");
      var range = document.createElement("input");
      range.type = "range";
      range.id = id + "-range";
      range.min = field.min;
      range.max = field.max;
      range.step = field.step;
      range.value = field.value;
      range.dataset.key = field.key;
      range.setAttribute("aria-label", field.label + " (slider)");
      range.setAttribute("aria-valuetext", field.label + " " + Sidecast.format(field.value, field.unit, field.step));
      var note = null;
      if (field.note) {
        note = document.createElement("p");
        note.className = "sc-field-note";
        note.id = id + "-note";
        note.textContent = field.note + " · file: " + Sidecast.format(field.value, field.unit);
        number.setAttribute("aria-describedby", note.id);
      } else {
        number.title = "file: " + Sidecast.format(field.value, field.unit);
      }
      function mark(value) {
        if (Math.abs(value - field.value) <= 1e-12 * Math.max(1, Math.abs(field.value))) delete changed[field.key];
        else changed[field.key] = value;
        row.classList.toggle("sc-changed", field.key in changed);
        range.setAttribute("aria-valuetext", field.label + " " + Sidecast.format(value, field.unit, field.step));
      }
      function take(value, urgent) {
        if (value === null) return;
        lastField = field;
        notice = null;
        mark(value);
        remember();
        schedule(urgent);
      }
      field.apply = function (value) { number.value = shown(field, value); range.value = value; mark(value); };
      range.addEventListener("input", function () { number.value = shown(field, Number(range.value)); take(Number(range.value), false); });
      range.addEventListener("change", function () { take(Number(range.value), true); });
      number.addEventListener("change", function () {
        var value = fromShown(field, number.value);
        var now = field.key in changed ? changed[field.key] : field.value;
        if (value === null) {
          /* Not a number: the field shows what runs, and says why. */
          number.value = shown(field, now);
          field.refuse("Not a number: the field is back at " + shown(field, now) + (suffix[field.unit] === "%" ? "%" : "") + ".");
          return;
        }
        if (field.whole) value = Math.round(value);
        number.value = shown(field, value);
        /* A value beyond the slider's reach moves its end, so the slider shows it. */
        if (value < Number(range.min)) range.min = value;
        if (value > Number(range.max)) range.max = value;
        range.value = value;
        take(value, true);
      });
      field.reset = function () { number.value = shown(field, field.value); range.value = field.value; row.classList.remove("sc-changed"); };
      /* A refused value's message beside its field (on a phone the results are far above). */
      var problem = document.createElement("p");
      problem.className = "sc-field-error";
      problem.id = id + "-error";
      problem.hidden = true;
      field.refuse = function (message) {
        problem.hidden = message === null;
        problem.textContent = message || "";
        if (message === null) number.removeAttribute("aria-invalid"); else number.setAttribute("aria-invalid", "true");
        number.setAttribute("aria-describedby", (note ? note.id + " " : "") + (message === null ? "" : problem.id));
      };
      row.appendChild(label);
      row.appendChild(number);
      row.appendChild(unit);
      row.appendChild(range);
      if (note) row.appendChild(note);
      row.appendChild(problem);
      group.appendChild(row);
    });
  }

  /* A committed change supersedes the run in progress; a drag waits for it. */
  function schedule(urgent) {
    if (inFlight && !urgent) { pending = true; return; }
    if (inFlight) inFlight.abort();
    send();
  }

  function send() {
    pending = false;
    var controller = new AbortController();
    inFlight = controller;
    var asked = sets();
    var url = "/api/view?client=" + client + asked.map(function (s) { return "&set=" + encodeURIComponent(s); }).join("");
    var started = performance.now();
    root.dataset.state = "busy";
    fetch(url, { signal: controller.signal, cache: "no-store" }).then(function (response) {
      if (response.status === 200) return response.json().then(function (body) { draw(body, asked, performance.now() - started); });
      if (response.status === 409) return null;
      return response.text().then(function (text) { fail(text, asked); });
    }).catch(function (error) {
      if (error.name !== "AbortError") fail("The page lost its server: is `sidecast serve` still running?", asked);
    }).then(function () {
      if (inFlight !== controller) return;
      inFlight = null;
      if (pending) send(); else if (root.dataset.state === "busy") root.dataset.state = "idle";
    });
  }

  /* The message of a refused value in a line beside its field: what is wrong and what is
     allowed, without the command line's frame, and for a field in percent what it sent. */
  function brief(message, field) {
    var lines = message.trim().split("\n");
    var what = lines[0].replace(/^error: /, "").replace(/ \(from --set [^)]*\)$/, "");
    var help = lines.filter(function (l) { return l.indexOf("help: ") === 0; })[0];
    var sent = field && field.unit === "percent" && field.key in changed ?
      " (" + shown(field, changed[field.key]) + "% is " + setText(field, changed[field.key]) + ")" : "";
    return "Not run: " + what + sent + (help ? "; " + help.slice(6) : "");
  }

  function fail(message, asked) {
    if (!last && asked.length) {
      /* An address whose values cannot run: the file's own run, and why. */
      notice = (notice ? notice + "\n" : "") + "The address asked for " + asked.join(", ") +
        ", which cannot run (below); these are the file's own values.\n\n" + message.trim();
      changed = {};
      data.fields.forEach(function (f) { f.reset(); });
      remember();
      send();
      return;
    }
    $("sc-error").hidden = false;
    $("sc-error-text").textContent = message.trim();
    var words = brief(message, lastField);
    if (lastField) lastField.refuse(words);
    $("sc-bar").textContent = words;
    root.dataset.state = "error";
    root.dataset.sets = asked.join(" ");
    root.classList.add("sc-stale");
  }

  function draw(body, asked, ms) {
    last = body;
    $("sc-error").hidden = notice === null;
    if (notice !== null) $("sc-error-text").textContent = notice;
    data.fields.forEach(function (f) { f.refuse(null); });
    root.classList.remove("sc-stale");
    render();
    var seconds = Math.round(ms);
    $("sc-timing").textContent = "Redrawn in " + seconds + " ms (the run: " + Math.round(body.server_ms) + " ms on this machine).";
    root.dataset.sets = asked.join(" ");
    root.dataset.ms = String(seconds);
    root.dataset.state = "idle";
  }

  function render() {
    if (!last) return;
    var view = last.view, summary = last.summary;
    $("sc-message").textContent = Sidecast.message(view, summary);
    $("sc-bar").textContent = $("sc-message").textContent;
    $("sc-subtitle").textContent = view.scenario + " · " + summary.trajectories.toLocaleString("en-US") + " trajectories · seed " +
      summary.seed + " · bands are month-by-month percentiles";
    Sidecast.targets($("sc-targets"), view, summary);
    Sidecast.fan($("sc-fan"), view, summary);
    var changes = sets();
    if (last.difference && changes.length) {
      $("sc-difference-words").textContent = Sidecast.differenceWords(view, last.difference);
      $("sc-difference-figure").hidden = false;
      Sidecast.difference($("sc-difference"), view, last.difference);
    } else {
      $("sc-difference-words").textContent = changes.length ? (last.unpaired || "These runs cannot be paired with the file's own.") :
        "These are the file's own values: move a number to see what it changes, future by future.";
      $("sc-difference-figure").hidden = true;
    }
    var money = summary.waterfall;
    $("sc-waterfall-title").hidden = !money;
    $("sc-waterfall-figure").hidden = !money;
    if (money) {
      $("sc-waterfall-title").textContent = "Where the money goes in month " + money.month + " (means)";
      Sidecast.waterfall($("sc-waterfall"), money);
    }
  }

  /* The changes live in the address (#set=KEY%3DVALUE&...), so a view can be kept or shared. */
  function remember() {
    var hash = sets().map(function (s) { return "set=" + encodeURIComponent(s); }).join("&");
    history.replaceState(null, "", hash ? "#" + hash : location.pathname);
  }
  function recall() {
    var left = [];
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      if (pair === "") return;
      if (pair.indexOf("set=") !== 0) { left.push(pair + " (not a set=KEY=VALUE)"); return; }
      var set;
      try { set = decodeURIComponent(pair.slice(4)); } catch (e) { left.push(pair + " (not readable)"); return; }
      var at = set.indexOf("="), value = Number(set.slice(at + 1));
      var field = data.fields.find(function (f) { return f.key === set.slice(0, at); });
      if (!field) left.push(set + " (no number of the scenario is called " + set.slice(0, at) + ")");
      else if (at > 0 && set.slice(at + 1).trim() !== "" && isFinite(value)) field.apply(value);
      else left.push(set + " (not a number)");
    });
    if (left.length) {
      notice = "Left out of the address: " + left.join("; ") + ".";
      remember();
    }
  }

  function reset() {
    changed = {};
    data.fields.forEach(function (f) { f.reset(); });
    remember();
    schedule(true);
  }

  function save(overwrite) {
    var name = $("sc-save-name").value.trim();
    var status = $("sc-save-status");
    $("sc-overwrite").hidden = true;
    status.textContent = "Saving…";
    fetch("/api/save", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: name, sets: sets(), overwrite: overwrite })
    }).then(function (response) {
      if (response.status === 201) return response.json().then(function (b) { status.textContent = "Saved " + b.path + "."; });
      if (response.status === 409) return response.json().then(function (b) { status.textContent = b.message; $("sc-overwrite").hidden = false; $("sc-overwrite-yes").focus(); });
      return response.text().then(function (t) { status.textContent = t.trim(); });
    }).catch(function () { status.textContent = "The page lost its server: nothing was saved."; });
  }

  build();
  $("sc-reset").addEventListener("click", reset);
  $("sc-save-open").addEventListener("click", function () {
    var box = $("sc-save");
    box.hidden = !box.hidden;
    if (!box.hidden) $("sc-save-name").focus();
  });
  $("sc-save-form").addEventListener("submit", function (event) { event.preventDefault(); save(false); });
  $("sc-overwrite-yes").addEventListener("click", function () { save(true); });
  $("sc-overwrite-no").addEventListener("click", function () { $("sc-overwrite").hidden = true; $("sc-save-status").textContent = "Nothing was saved."; });
  $("sc-save-name").value = data.save_name;
  var frame = 0;
  window.addEventListener("resize", function () { cancelAnimationFrame(frame); frame = requestAnimationFrame(render); });
  recall();
  schedule(true);
})();
