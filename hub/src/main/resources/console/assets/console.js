// GDX Hub console: CSRF header for htmx, the 13-digit ID check as you type, and the charts.
(function () {
  "use strict";

  // htmx sends the session's CSRF token in the header Spring Security reads.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name='_csrf']");
    var header = document.querySelector("meta[name='_csrf_header']");
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // Thai 13-digit IDs: digits d1..d12 weighted 13..2, check = (11 - sum mod 11) mod 10
  // (the same rule as org.gdxhub.common.SubjectId; the hub checks again on the server).
  function validThirteenDigit(value) {
    if (!/^[0-9]{13}$/.test(value)) {
      return false;
    }
    var sum = 0;
    for (var i = 0; i < 12; i++) {
      sum += (value.charCodeAt(i) - 48) * (13 - i);
    }
    return (11 - (sum % 11)) % 10 === value.charCodeAt(12) - 48;
  }
  window.gdxValidThirteenDigit = validThirteenDigit;

  function checkSubject(input) {
    var status = document.getElementById(input.getAttribute("data-status"));
    var value = input.value.replace(/[\s-]/g, "");
    var state = value.length === 0 ? "empty" : value.length < 13 ? "short"
      : validThirteenDigit(value) ? "valid" : "invalid";
    input.setAttribute("aria-invalid", state === "invalid" || (state === "short" && value.length > 13)
      ? "true" : "false");
    input.setCustomValidity(state === "invalid" ? (status ? status.getAttribute("data-invalid") : "invalid") : "");
    if (status) {
      status.className = state === "valid" ? "valid" : state === "invalid" ? "invalid" : "hint";
      status.textContent = status.getAttribute("data-" + state) || "";
    }
  }

  function drawCharts() {
    var data = document.getElementById("chart-data");
    if (!data || typeof Chart === "undefined") {
      return;
    }
    var charts = JSON.parse(data.textContent);
    // Canvas text needs the hub's Thai font too (the system may have none).
    Chart.defaults.font.family = "Laksaman, 'DejaVu Sans', sans-serif";
    Chart.defaults.font.size = 13;
    var palette = ["#1f3b73", "#f0b400", "#17663a", "#a11919", "#6a4c93", "#1982c4", "#8ac926", "#ff924c",
      "#52a675", "#c1121f"];
    function bar(id, rows, horizontal) {
      var canvas = document.getElementById(id);
      if (!canvas) { return; }
      new Chart(canvas, {
        type: "bar",
        data: { labels: rows.map(function (r) { return r.label; }),
          datasets: [{ label: canvas.getAttribute("data-label"), data: rows.map(function (r) { return r.value; }),
            backgroundColor: palette[0] }] },
        options: { indexAxis: horizontal ? "y" : "x", animation: false, responsive: true,
          plugins: { legend: { display: false } } }
      });
    }
    var unitMonths = document.getElementById("chart-unit-months");
    if (unitMonths) {
      new Chart(unitMonths, {
        type: "bar",
        data: { labels: charts.months, datasets: charts.unitMonths.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: palette[i % palette.length] };
        }) },
        options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true } } }
      });
    }
    var trend = document.getElementById("chart-trend");
    if (trend) {
      new Chart(trend, {
        type: "line",
        data: { labels: charts.months, datasets: [{ label: trend.getAttribute("data-label"), data: charts.trend,
          borderColor: palette[0], backgroundColor: palette[1] }] },
        options: { animation: false, responsive: true }
      });
    }
    bar("chart-top", charts.top, true);
    bar("chart-bottom", charts.bottom, true);
    bar("chart-datasets", charts.datasets, false);
    var denials = document.getElementById("chart-denials");
    if (denials) {
      new Chart(denials, {
        type: "doughnut",
        data: { labels: charts.denials.map(function (r) { return r.label; }),
          datasets: [{ data: charts.denials.map(function (r) { return r.value; }), backgroundColor: palette }] },
        options: { animation: false, responsive: true }
      });
    }
    document.body.setAttribute("data-charts", "drawn");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-check-digit]").forEach(function (input) {
      input.addEventListener("input", function () { checkSubject(input); });
      checkSubject(input);
    });
    // Draw once the Thai web font is loaded, so that canvas labels do not fall back to boxes.
    if (document.fonts && document.getElementById("chart-data")) {
      Promise.all([document.fonts.load("13px Laksaman", "ก"), document.fonts.load("bold 13px Laksaman", "ก")])
        .then(drawCharts, drawCharts);
    } else {
      drawCharts();
    }
  });
})();
