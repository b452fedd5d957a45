/* sidecast's drawing module, shared by `sidecast serve` and explore.html: the lead fan chart,
   the targets' chances in words, the paired difference and the month's waterfall, drawn as
   SVG from numbers shaped as summary.json shapes them. No network, no framework; colours
   come from the page's --sc-* properties, written from the PNG charts' palette. */
"use strict";
var Sidecast = (function () {
  var NS = "http://www.w3.org/2000/svg";
  var MINUS = "\u2212";

  function el(name, attributes, parent, text) {
    var node = document.createElementNS(NS, name);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  /* A chance in frequency words out of 100 futures, as sidecast writes it (never 0 or 100
     from a finite run). */
  function chance(p) {
    if (p === null || p === undefined || isNaN(p)) return "n/a";
    if (p <= 0) return "fewer than 1 in 100";
    if (p >= 1) return "more than 99 in 100";
    var n = Math.round(p * 100);
    if (n === 0) return "fewer than 1 in 100";
    if (n === 100) return "more than 99 in 100";
    return n + " in 100";
  }

  function grouped(text) {
    var parts = text.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  function trimmed(value, decimals) {
    var text = value.toFixed(decimals);
    return text.indexOf(".") < 0 ? text : text.replace(/0+$/, "").replace(/\.$/, "");
  }

  /* "$1.2k", "$850", "−$40": a value in a label or on an axis. */
  function dollars(value, step) {
    var magnitude = Math.abs(value);
    var scale = magnitude >= 999500 ? 1e6 : magnitude >= 999.5 ? 1e3 : 1;
    var suffix = scale === 1e6 ? "M" : scale === 1e3 ? "k" : "";
    var decimals;
    if (step) {
      decimals = 0;
      while (decimals < 4 && Math.abs(step / scale * Math.pow(10, decimals) - Math.round(step / scale * Math.pow(10, decimals))) > 1e-6) decimals++;
    } else {
      decimals = scale > 1 ? (magnitude / scale < 10 ? 1 : 0) : 0;
    }
    var body = "$" + trimmed(magnitude / scale, decimals) + suffix;
    return value < 0 && /[1-9]/.test(body) ? MINUS + body : body;
  }

  /* A value in the unit the view names. */
  function format(value, unit, step) {
    if (value === null || value === undefined || !isFinite(value)) return "n/a";
    switch (unit) {
      case "dollars": return dollars(value, step);
      case "dollars_per_hour": return dollars(value, step) + "/h";
      case "percent": return trimmed(value * 100, step ? 1 : 0) + "%";
      case "hours": return grouped(trimmed(value, 1)) + " h";
      case "per_month": return grouped(trimmed(value, 2)) + "/month";
      default: return grouped(trimmed(value, Math.abs(value) >= 100 ? 0 : 1));
    }
  }

  /* An amount as an account writes it: whole dollars with separators and a true minus. */
  function amount(value, plus) {
    if (value === null || value === undefined || !isFinite(value)) return "n/a";
    var body = "$" + grouped(Math.round(Math.abs(value)).toString());
    if (body === "$0") return body;
    return value < 0 ? MINUS + body : plus && value > 0 ? "+" + body : body;
  }

  /* Round ticks covering [low, high]. */
  function ticks(low, high, count) {
    if (!(high > low)) { high = low + 1; }
    var raw = (high - low) / count;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * power; }).find(function (s) { return s >= raw; });
    var out = [];
    var first = Math.floor(low / step + 1e-9), last = Math.ceil(high / step - 1e-9);
    for (var k = first; k <= last; k++) out.push(k * step);
    return { values: out, step: step };
  }

  function finite(values) {
    return values.filter(function (v) { return v !== null && v !== undefined && isFinite(v); });
  }

  /* The plot frame: scales, a grid, a value axis and a month axis. */
  function frame(svg, months, low, high, unit, options) {
    var width = Math.max(300, Math.min(1400, svg.parentNode.clientWidth || 800));
    var height = Math.round(width < 600 ? width * 0.82 : width * 0.5);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    var axis = ticks(low, high, width < 600 ? 4 : 6);
    low = axis.values[0];
    high = axis.values[axis.values.length - 1];
    var labelWidth = Math.max.apply(null, axis.values.map(function (v) { return format(v, unit, axis.step).length; }));
    var margin = { left: 14 + labelWidth * 8, right: options.right || 16, top: 12, bottom: 44 };
    var x0 = margin.left, x1 = width - margin.right, y0 = height - margin.bottom, y1 = margin.top;
    var first = months[0], last = months[months.length - 1];
    var x = function (month) { return last === first ? (x0 + x1) / 2 : x0 + (month - first) / (last - first) * (x1 - x0); };
    var y = function (v) { return y0 - (v - low) / (high - low) * (y0 - y1); };
    var grid = el("g", { "class": "sc-grid" }, svg);
    axis.values.forEach(function (v) {
      el("line", { x1: x0, x2: x1, y1: y(v), y2: y(v), "class": v === 0 ? "sc-zero" : "sc-gridline" }, grid);
      el("text", { x: x0 - 8, y: y(v) + 5, "text-anchor": "end", "class": "sc-tick" }, grid, format(v, unit, axis.step));
    });
    var every = months.length > 30 ? 12 : 6;
    var monthTicks = months.filter(function (m, i) { return i === 0 || m % every === 0; });
    if (monthTicks.length > 1 && x(monthTicks[1]) - x(monthTicks[0]) < 28) monthTicks.splice(1, 1);
    monthTicks.forEach(function (m) {
      el("line", { x1: x(m), x2: x(m), y1: y0, y2: y0 + 6, "class": "sc-axis" }, grid);
      el("text", { x: x(m), y: y0 + 24, "text-anchor": "middle", "class": "sc-tick" }, grid, String(m));
    });
    el("line", { x1: x0, x2: x1, y1: y0, y2: y0, "class": "sc-axis" }, grid);
    el("text", { x: (x0 + x1) / 2, y: height - 4, "text-anchor": "middle", "class": "sc-name" }, grid, "Month");
    return { x: x, y: y, x0: x0, x1: x1, y0: y0, y1: y1, width: width, height: height };
  }

  function path(points) {
    var d = "", pen = false;
    points.forEach(function (p) {
      if (p === null) { pen = false; return; }
      d += (pen ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1);
      pen = true;
    });
    return d;
  }

  /* A band between two series: the upper edge forward, the lower edge back. */
  function band(svg, f, months, lower, upper, cls) {
    var top = [], bottom = [];
    months.forEach(function (m, i) {
      if (lower[i] === null || upper[i] === null) return;
      top.push([f.x(m), f.y(upper[i])]);
      bottom.unshift([f.x(m), f.y(lower[i])]);
    });
    if (top.length) el("path", { d: path(top.concat(bottom)) + "Z", "class": cls }, svg);
  }

  function line(svg, f, months, values, cls) {
    el("path", { d: path(months.map(function (m, i) { return values[i] === null ? null : [f.x(m), f.y(values[i])]; })), "class": cls }, svg);
  }

  /* The first target on the lead metric, with the point's chances, if there is one. */
  function leadTarget(view, point) {
    for (var i = 0; i < view.targets.length; i++) {
      var t = view.targets[i];
      if (t.metric === view.lead.key) return { view: t, numbers: (point.targets || [])[i] || {} };
    }
    return null;
  }

  function probability(numbers, which) {
    var p = numbers && numbers[which];
    return p ? p.probability : null;
  }

  /* The chart's message: what the reader should take away, in words ("Net profit per month:
     28 in 100 futures reach $700 in month 12", as the PNG charts say it). */
  function message(view, point) {
    var target = leadTarget(view, point);
    if (target) {
      var p = probability(target.numbers, "probability_at_month");
      var said = chance(p), verb = said.indexOf("1 in") === 0 ? " reaches " : " reach ";
      return view.lead.label + ": " + said + " futures" + verb + target.view.goal + " in month " + target.view.month;
    }
    var bands = point.metrics[view.lead.key], last = view.months.length - 1;
    return view.lead.label + ": median " + format(bands.p50[last], view.lead.unit) + " in month " + view.months[last];
  }

  /* The lead fan: p5–p95 and p25–p75 bands, the median, the mean dashed, the target line. */
  function fan(svg, view, point) {
    var bands = point.metrics[view.lead.key];
    var target = leadTarget(view, point);
    var all = finite([].concat(bands.p5, bands.p95, bands.mean, target ? [target.view.at_least] : []));
    var f = frame(svg, view.months, Math.min(0, Math.min.apply(null, all)), Math.max.apply(null, all), view.lead.unit, {});
    var plot = el("g", {}, svg);
    band(plot, f, view.months, bands.p5, bands.p95, "sc-outer");
    band(plot, f, view.months, bands.p25, bands.p75, "sc-inner");
    line(plot, f, view.months, bands.mean, "sc-mean");
    line(plot, f, view.months, bands.p50, "sc-median");
    if (target) {
      var ty = f.y(target.view.at_least), tx = f.x(target.view.month);
      el("line", { x1: f.x0, x2: f.x1, y1: ty, y2: ty, "class": "sc-target" }, plot);
      el("line", { x1: tx, x2: tx, y1: ty - 10, y2: ty + 10, "class": "sc-target-mark" }, plot);
      el("circle", { cx: tx, cy: ty, r: 5, "class": "sc-target-dot" }, plot);
      var said = chance(probability(target.numbers, "probability_at_month"));
      var words = "target " + target.view.goal + " · " + said + " in month " + target.view.month;
      var wide = function (text) { return text.length * 7.4; };
      if (wide(words) > (f.x1 - f.x0) * 0.6) words = "target " + target.view.goal + " · " + said;
      var lx = tx + 10, anchor = "start";
      if (lx + wide(words) > f.x1) {
        if (tx - 10 - wide(words) >= f.x0) { lx = tx - 10; anchor = "end"; } else { lx = Math.max(f.x0, f.x1 - wide(words)); }
      }
      var label = el("text", { x: lx, y: ty - 12, "text-anchor": anchor, "class": "sc-label" }, plot, words);
      label.setAttribute("paint-order", "stroke");
    }
    svg.setAttribute("aria-label", message(view, point) + ". " + view.lead.label + ", month by month: the median " +
      format(bands.p50[bands.p50.length - 1], view.lead.unit) + " in the last month, 90% of futures between " +
      format(bands.p5[bands.p5.length - 1], view.lead.unit) + " and " + format(bands.p95[bands.p95.length - 1], view.lead.unit) + ".");
  }

  /* Each target's chances in words, one list item each. */
  function targets(list, view, point) {
    while (list.firstChild) list.removeChild(list.firstChild);
    view.targets.forEach(function (t, i) {
      var numbers = (point.targets || [])[i] || {};
      var item = document.createElement("li");
      item.id = list.id + "-" + i;
      var at = chance(probability(numbers, "probability_at_month"));
      var by = chance(probability(numbers, "probability_by_month"));
      var strong = document.createElement("strong");
      strong.className = "sc-chance";
      strong.textContent = at;
      item.appendChild(document.createTextNode(t.label + ": "));
      item.appendChild(strong);
      item.appendChild(document.createTextNode(" futures; " + by + " reach it at least once by month " + t.month + "."));
      list.appendChild(item);
    });
  }

  /* The paired difference from the file's own values: bands of the trajectory-by-trajectory
     differences and their median, around zero. */
  function difference(svg, view, diff) {
    var all = finite([].concat(diff.p5, diff.p95, [0]));
    var f = frame(svg, view.months, Math.min.apply(null, all), Math.max.apply(null, all), view.lead.unit, {});
    var plot = el("g", {}, svg);
    band(plot, f, view.months, diff.p5, diff.p95, "sc-outer");
    band(plot, f, view.months, diff.p25, diff.p75, "sc-inner");
    line(plot, f, view.months, diff.mean, "sc-mean");
    line(plot, f, view.months, diff.p50, "sc-median");
    el("line", { x1: f.x0, x2: f.x1, y1: f.y(0), y2: f.y(0), "class": "sc-zero" }, plot);
    svg.setAttribute("aria-label", differenceWords(view, diff));
  }

  function differenceWords(view, diff) {
    var last = view.months.length - 1;
    var mean = diff.mean[last], se = diff.std_error[last], better = diff.better[last];
    if (mean === null) return "No difference could be paired.";
    var size = Math.abs(mean) < 0.5 ? "the same on average" : amount(Math.abs(mean)) + (mean > 0 ? " higher" : " lower") + " on average";
    return "In month " + view.months[last] + ", " + view.lead.label.toLowerCase() + " is " + size +
      " than with the file's own values (± " + amount(se) + ", paired); " + chance(better) + " futures do better.";
  }

  /* Where the month's money goes: each step a bar from the running total, then net profit. */
  function waterfall(svg, w) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var width = Math.max(300, Math.min(1400, svg.parentNode.clientWidth || 800));
    var rows = w.steps.concat([{ label: "Net profit", amount: w.net_profit, net: true }]);
    /* On a phone each step's name sits above its bar; on a wider screen beside it. */
    var narrow = width < 600;
    /* Each amount after its bar, with room for the longest (about 8.2 px a character at the
       ticks' size); written short ($2.72M) where whole dollars would take a third of the width. */
    var written = function (r, short) {
      if (!short) return amount(r.amount, !r.net);
      var body = dollars(Math.abs(r.amount));
      return r.amount < 0 && body !== "$0" ? MINUS + body : !r.net && r.amount > 0 ? "+" + body : body;
    };
    var longest = function (short) { return Math.max.apply(null, rows.map(function (r) { return written(r, short).length; })); };
    var short = longest(false) * 8.2 + 10 > width / 3;
    var rowHeight = narrow ? 46 : 34, labelWidth = narrow ? 0 : 190, valueWidth = Math.max(80, longest(short) * 8.2 + 10);
    var height = rows.length * rowHeight + 10;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    var running = 0, ends = [0];
    rows.forEach(function (r) { if (!r.net) { running += r.amount; ends.push(running); } });
    var low = Math.min.apply(null, ends.concat([0])), high = Math.max.apply(null, ends.concat([0]));
    var x = function (v) { return labelWidth + (v - low) / ((high - low) || 1) * (width - labelWidth - valueWidth); };
    running = 0;
    var words = [];
    rows.forEach(function (r, i) {
      var from = r.net ? 0 : running, to = r.net ? r.amount : running + r.amount;
      if (!r.net) running = to;
      var top = 5 + i * rowHeight, bar = narrow ? top + 20 : top + 6, barHeight = narrow ? 18 : rowHeight - 12;
      el("text", { x: 0, y: narrow ? top + 14 : top + 21, "class": "sc-tick" }, svg, r.label);
      el("rect", { x: Math.min(x(from), x(to)), y: bar, width: Math.max(1, Math.abs(x(to) - x(from))), height: barHeight,
        "class": r.net ? "sc-net" : r.amount >= 0 ? "sc-adds" : "sc-takes" }, svg);
      el("text", { x: Math.max(x(from), x(to)) + 6, y: bar + barHeight - 4, "class": "sc-tick" }, svg, written(r, short));
      words.push(r.label + " " + amount(r.amount, !r.net));
    });
    svg.setAttribute("aria-label", "Where the money goes in month " + w.month + " (means): " + words.join(", ") + ".");
  }

  return { chance: chance, format: format, amount: amount, message: message, fan: fan, targets: targets,
    difference: difference, differenceWords: differenceWords, waterfall: waterfall };
})();
