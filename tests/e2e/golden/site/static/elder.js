// 长辈模式 (elder mode): the masthead's link becomes a switch, remembered on every page.
// Loaded in <head>, not deferred, so that a page opened in elder mode never shows small
// text first: the class goes on <html> at once, and the switch is wired once the page is read.
(function () {
  "use strict";
  var KEY = "site-builder:elder";
  var root = document.documentElement;

  function stored() {
    try {
      return localStorage.getItem(KEY) === "1";
    } catch (e) {
      return false;  // storage refused (a private window): the switch still works on one page
    }
  }

  function remember(on) {
    try {
      if (on) localStorage.setItem(KEY, "1");
      else localStorage.removeItem(KEY);
    } catch (e) {
      // as above
    }
  }

  // A link to #elder, opened or shared, turns the mode on as the switch would.
  var opened = location.hash === "#elder";
  if (opened) {
    remember(true);
    history.replaceState(null, "", location.pathname + location.search);
  }
  root.classList.toggle("elder", opened || stored());

  document.addEventListener("DOMContentLoaded", function () {
    var link = document.querySelector("[data-elder-switch]");
    if (!link) return;

    function show(on) {
      root.classList.toggle("elder", on);
      link.setAttribute("aria-pressed", on ? "true" : "false");
    }

    function toggle(event) {
      event.preventDefault();
      var on = !root.classList.contains("elder");
      show(on);
      remember(on);
    }

    link.setAttribute("role", "button");
    show(root.classList.contains("elder"));
    link.addEventListener("click", toggle);
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") toggle(event);  // a button answers the space bar; a link does not
    });
  });
})();
