// dubbelkoll serve: each page follows the round. Every second it asks the
// server which check it shows; when a newer check is done (a submission
// came or changed, a decision was saved), the page's content is fetched
// again and put in place, and the live region says so.
(function () {
  var base = document.body.getAttribute("data-base");
  var seen = document.body.getAttribute("data-generation");
  var live = document.getElementById("live");
  // A decision being written is never replaced under the reviewer's hands.
  function editing() {
    var fields = document.querySelectorAll("main form textarea, main form input:not([type=radio])");
    return Array.prototype.some.call(fields, function (e) {
      return e === document.activeElement || e.value !== e.defaultValue;
    });
  }
  function follow() {
    fetch(base + "/generation", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : seen; })
      .then(function (g) {
        if (g.trim() === seen || editing()) return null;
        return fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); });
      })
      .then(function (html) {
        if (html === null) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("main");
        if (fresh) document.querySelector("main").replaceWith(fresh);
        seen = doc.body.getAttribute("data-generation") || seen;
        live.textContent = live.getAttribute("data-updated");
      })
      .catch(function () {})
      .then(function () { setTimeout(follow, 1000); });
  }
  setTimeout(follow, 1000);
})();
