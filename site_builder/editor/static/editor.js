// The editor's small helps; every form works without them.
// - the text's live preview (the server renders it as the site does);
// - a resident's balance shown as they are picked; rules that fit the type chosen, and the
//   points the rule picked gives filled in;
// - a wish's status and claimant filled in as it is picked;
// - the repeat presets renamed for the start's day.
"use strict";
(function () {
  function token(form) { return form.querySelector("input[name=token]").value; }

  function livePreview(area) {
    var box = area.parentNode.querySelector(".md-preview");
    var out = box.querySelector(".md-body");
    var timer = null;
    box.hidden = false;
    function render() {
      var body = new FormData();
      body.append("token", token(area.form));
      body.append("body", area.value);
      fetch(area.dataset.preview, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { out.innerHTML = html; });  // sanitised by the site's own allowlist
    }
    area.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(render, 300); });
    render();
  }

  function residents(input) {
    var people = JSON.parse(input.dataset.people || "{}");
    var out = document.getElementById("o-" + input.name);
    function show() { out.textContent = people[input.value.trim()] || ""; }
    input.addEventListener("input", show);
    input.addEventListener("change", show);
    show();
  }

  function rules(select) {
    var kinds = JSON.parse(select.dataset.kinds || "{}");
    var hourly = JSON.parse(select.dataset.hourly || "[]");
    var amounts = JSON.parse(select.dataset.amounts || "{}");
    var hours = select.form.elements.hours;
    var points = select.form.elements.points;
    function usual() {  // what the rule gives, as the build counts it ("" when it cannot tell)
      var amount = amounts[select.value];
      if (!amount) { return ""; }
      if (amount[1] === null) { return String(amount[0]); }
      var spent = parseFloat(hours && hours.value);
      return spent > 0 ? String(Math.round(spent * amount[1])) : "";
    }
    var typed = points && points.value !== "" && points.value !== usual();
    function fill() { if (points && !typed) { points.value = usual(); } }
    if (points) {
      points.addEventListener("input", function () { typed = points.value !== ""; });
    }
    if (hours) { hours.addEventListener("input", fill); }
    function fit() {
      var kind = (select.form.querySelector("input[name=kind]:checked") || {}).value || "earn";
      Array.prototype.forEach.call(select.options, function (option) {
        var other = option.value && kinds[option.value] !== kind;
        option.hidden = other;
        option.disabled = other;
      });
      if (select.selectedOptions[0] && select.selectedOptions[0].disabled) { select.value = ""; }
      if (hours) { hours.disabled = hourly.indexOf(select.value) < 0 && !hours.value; }
      fill();
    }
    select.form.querySelectorAll("input[name=kind]").forEach(function (r) { r.addEventListener("change", fit); });
    select.addEventListener("change", fit);
    fit();
  }

  function wishes(select) {
    var states = JSON.parse(select.dataset.wishes || "{}");
    select.addEventListener("change", function () {
      var state = states[select.value];
      if (!state) { return; }
      var radio = select.form.querySelector("input[name=status][value=" + state[0] + "]");
      if (radio) { radio.checked = true; }
      select.form.elements.claimed_by.value = state[1];
    });
  }

  function repeats(start) {
    var select = start.form.elements.repeat;
    start.addEventListener("change", function () {
      fetch(start.dataset.repeats + "?start=" + encodeURIComponent(start.value), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (labels) {
          Array.prototype.forEach.call(select.options, function (option) {
            var fits = Object.prototype.hasOwnProperty.call(labels, option.value);
            option.hidden = !fits;
            option.disabled = !fits;
            if (fits) { option.textContent = labels[option.value]; }
          });
          Object.keys(labels).forEach(function (value) {
            if (!select.querySelector("option[value='" + value + "']")) {
              select.add(new Option(labels[value], value));
            }
          });
          if (select.selectedOptions[0] && select.selectedOptions[0].disabled) { select.value = "none"; }
        });
    });
  }

  document.querySelectorAll("textarea[data-preview]").forEach(livePreview);
  document.querySelectorAll("input[data-people]").forEach(residents);
  document.querySelectorAll("select[data-kinds]").forEach(rules);
  document.querySelectorAll("select[data-wishes]").forEach(wishes);
  document.querySelectorAll("input[data-repeats]").forEach(repeats);
})();
