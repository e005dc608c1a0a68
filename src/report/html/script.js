// Sortable tables: click a heading to sort by that column.
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent;
        var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "sv");
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});

// The similarity heat map: one cell per pair of submissions.
(function () {
  var canvas = document.getElementById("heat");
  if (!canvas) return;
  var data = JSON.parse(document.getElementById("heat-data").textContent);
  var n = data.files.length;
  var cell = Math.max(1, Math.min(14, Math.floor(720 / Math.max(n, 1))));
  canvas.width = canvas.height = Math.max(n * cell, 1);
  var ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  function color(s) {
    if (s >= data.strong) return "#b3261e";
    var t = Math.min(1, Math.max(0, (s - data.floor) / (data.strong - data.floor)));
    var r = Math.round(255 - t * 40), g = Math.round(235 - t * 150), b = Math.round(200 - t * 170);
    return "rgb(" + r + "," + g + "," + b + ")";
  }
  for (var i = 0; i < n; i++) { ctx.fillStyle = "#d9dde5"; ctx.fillRect(i * cell, i * cell, cell, cell); }
  var lookup = {};
  // Weak pairs first, so that strong ones are drawn on top; a strong pair
  // gets a mark larger than its cell, to stand out among a thousand rows.
  var sorted = data.pairs.slice().sort(function (a, b) { return a[2] - b[2]; });
  var mark = Math.max(cell, 5), off = Math.floor((mark - cell) / 2);
  sorted.forEach(function (p) {
    ctx.fillStyle = color(p[2]);
    var big = p[2] >= data.strong ? off : 0, size = p[2] >= data.strong ? mark : cell;
    ctx.fillRect(p[1] * cell - big, p[0] * cell - big, size, size);
    ctx.fillRect(p[0] * cell - big, p[1] * cell - big, size, size);
    lookup[p[0] + "," + p[1]] = p[2];
  });
  canvas.setAttribute("data-drawn", String(data.pairs.length));
  var tip = document.getElementById("heat-tip");
  canvas.addEventListener("mousemove", function (e) {
    var rect = canvas.getBoundingClientRect();
    var i = Math.floor((e.clientY - rect.top) / cell), j = Math.floor((e.clientX - rect.left) / cell);
    if (i < 0 || j < 0 || i >= n || j >= n) return;
    var a = Math.min(i, j), b = Math.max(i, j);
    var s = a === b ? 1 : (lookup[a + "," + b] || 0);
    tip.textContent = data.files[a] + " ~ " + data.files[b] + ": " + Math.round(s * 100) + " %";
  });
})();
