/* The explorable: sliders over a precomputed grid of runs (every point run with the same
   random numbers), redrawing the fan and the targets' chances from the page's own data
   (the JSON in #sidecast-explore). Without this script the page keeps its static chart
   of the file's own values. */
"use strict";
(function () {
  var source = document.getElementById("sidecast-explore");
  var root = document.getElementById("sc-explore");
  if (!source || !root) return;
  var data = JSON.parse(source.textContent);
  var view = data.view;
  var controls = root.querySelector(".sc-controls");
  var figure = root.querySelector(".sc-figure");
  var chart = root.querySelector(".sc-chart");
  var heading = root.querySelector(".sc-message");
  var list = root.querySelector(".sc-targets");

  function keyOf(set) {
    return data.keys.map(function (k) { return String(set[k]); }).join("|");
  }
  var points = {};
  data.points.forEach(function (p) { points[keyOf(p.set)] = p; });

  var inputs = data.sliders.map(function (slider, i) {
    var row = document.createElement("div");
    row.className = "sc-slider";
    var label = document.createElement("label");
    label.htmlFor = "sc-s" + i;
    label.textContent = slider.label;
    var output = document.createElement("output");
    output.htmlFor = "sc-s" + i;
    output.id = "sc-o" + i;
    var input = document.createElement("input");
    input.type = "range";
    input.id = "sc-s" + i;
    input.min = 0;
    input.max = slider.values.length - 1;
    input.step = 1;
    input.value = slider.start;
    input.dataset.key = slider.key;
    input.addEventListener("input", update);
    row.appendChild(label);
    row.appendChild(input);
    row.appendChild(output);
    controls.appendChild(row);
    return { input: input, output: output, slider: slider };
  });

  var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("class", "sc-svg");
  var current = null;

  function update() {
    var set = {};
    inputs.forEach(function (c) {
      var i = Number(c.input.value);
      set[c.slider.key] = c.slider.values[i];
      c.output.textContent = c.slider.labels[i];
      c.input.setAttribute("aria-valuetext", c.slider.label + " " + c.slider.labels[i]);
    });
    current = points[keyOf(set)];
    if (current) draw();
  }

  function draw() {
    heading.textContent = Sidecast.message(view, current);
    Sidecast.targets(list, view, current);
    Sidecast.fan(svg, view, current);
  }

  while (chart.firstChild) chart.removeChild(chart.firstChild);
  chart.appendChild(svg);
  controls.hidden = false;
  figure.hidden = false;
  root.classList.add("sc-live");
  /* Framed in a blog post: the post gives the title; the page keeps to the explorable. */
  if (window.self !== window.top) document.documentElement.classList.add("sc-framed");
  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { if (current) draw(); });
  });
  update();
})();
