/* Guided view of comic pages: one panel at a time, zoomed; progressive enhancement.
 *
 * The page works without this script (images + transcript). With it, each comic page
 * gets a button that opens a native <dialog> showing the current panel zoomed, with its
 * description and balloon texts in a live region. Next/previous follow the comic's
 * reading direction: in a right-to-left comic, ArrowLeft goes forward. A tap on the
 * panel goes forward; Escape closes (native dialog). No request leaves the site: the
 * panel geometry is the page-<n>.json next to the image.
 */
(function () {
  "use strict";

  function init() {
    document.querySelectorAll("article.pm-comic").forEach(function (article) {
      if (article.dataset.pmReady) return;
      article.dataset.pmReady = "1";
      article.querySelectorAll("figure.pm-comic-page[data-pm-geometry]").forEach(function (figure) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "pm-guided-open";
        button.textContent = article.dataset.pmGuided || "Panel by panel";
        button.addEventListener("click", function () { open(article, figure, button); });
        figure.querySelector("figcaption").appendChild(button);
      });
    });
  }

  function open(article, figure, opener) {
    fetch(figure.dataset.pmGeometry, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geometry) { show(article, figure, opener, geometry); })
      .catch(function () { opener.disabled = true; });
  }

  function show(article, figure, opener, geometry) {
    var img = figure.querySelector("img");
    var rtl = article.dataset.pmReading === "rtl";
    var dialog = document.createElement("dialog");
    dialog.className = "pm-guided";
    dialog.setAttribute("lang", geometry.lang);
    dialog.setAttribute("dir", geometry.dir);
    dialog.setAttribute("aria-label", article.dataset.pmGuided + " — " + figure.querySelector("figcaption a").textContent);
    var view = document.createElement("div");
    view.className = "pm-guided-view";
    var zoom = document.createElement("img");
    zoom.src = img.currentSrc || img.src;
    zoom.alt = "";
    zoom.width = geometry.width;
    zoom.height = geometry.height;
    view.appendChild(zoom);
    var text = document.createElement("div");
    text.className = "pm-guided-text";
    text.setAttribute("aria-live", "polite");
    var bar = document.createElement("div");
    bar.className = "pm-guided-bar";
    function btn(label, cls, fn) {
      var b = document.createElement("button");
      b.type = "button"; b.className = cls; b.textContent = label;
      b.addEventListener("click", fn); bar.appendChild(b); return b;
    }
    var index = 0;
    var panels = geometry.panels;
    btn(article.dataset.pmPrev, "pm-guided-prev", function () { go(index - 1); });
    var next = btn(article.dataset.pmNext, "pm-guided-next", function () { go(index + 1); });
    btn(article.dataset.pmClose, "pm-guided-close", function () { dialog.close(); });
    dialog.append(view, text, bar);
    document.body.appendChild(dialog);

    function go(i) {
      index = Math.max(0, Math.min(panels.length - 1, i));
      var p = panels[index];
      var box = p.box, vw = view.clientWidth, vh = view.clientHeight;
      var scale = Math.min(vw / box[2], vh / box[3]);
      var dx = (vw - box[2] * scale) / 2 - box[0] * scale;
      var dy = (vh - box[3] * scale) / 2 - box[1] * scale;
      zoom.style.width = geometry.width * scale + "px";
      zoom.style.height = "auto";
      zoom.style.transform = "translate(" + dx + "px," + dy + "px)";
      text.textContent = "";
      var alt = document.createElement("p");
      alt.textContent = index + 1 + "/" + panels.length + " — " + p.alt;
      text.appendChild(alt);
      p.balloons.forEach(function (b) {
        var q = document.createElement("p");
        q.className = "pm-balloon pm-" + b.kind;
        q.textContent = b.text;
        text.appendChild(q);
      });
    }
    view.addEventListener("click", function () { go(index + 1); });
    dialog.addEventListener("keydown", function (event) {
      var forward = rtl ? "ArrowLeft" : "ArrowRight";
      var back = rtl ? "ArrowRight" : "ArrowLeft";
      if (event.key === forward) { go(index + 1); event.preventDefault(); }
      if (event.key === back) { go(index - 1); event.preventDefault(); }
    });
    dialog.addEventListener("close", function () { dialog.remove(); opener.focus(); });
    dialog.showModal();
    next.focus(); // the likely next action, rather than "previous"
    go(0);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
